using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Lem.Ledger;

namespace Lem.Server.Tests;

/// <summary>
/// A seeded generator of malformed and random requests over every endpoint: methods, paths, query strings, credentials
/// (none, garbage, wrong scheme, other roles, other participants), content types and body mutations (truncation, random
/// bytes, deep nesting, huge strings and numbers, NaN, wrong types, missing, unknown and duplicate fields, bad UTF-8, lone
/// surrogates, oversize bodies). Each request says whether a mutation guarantees a refusal.
/// </summary>
internal sealed class FuzzRequestGenerator
{
    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1"];

    private static readonly string[] Accepts = ["*/*", "application/json", "text/html", "application/xml", "application/problem+json", "text/plain;q=0.1"];

    private static readonly string[] MarketPool = ["fz0", "fz1", "fz2", "fz3", "fz4"];

    private readonly Random _random;
    private readonly FuzzKeys _keys;
    private int _counter;

    public FuzzRequestGenerator(int seed, FuzzKeys keys)
    {
        _random = new Random(seed);
        _keys = keys;
    }

    /// <summary>The credentials a request is sent with, and what they are.</summary>
    private enum Caller
    {
        Anonymous,
        Operator,
        Alice,
        Bob,
        Signer,
        Dso,
        Garbage,
    }

    private sealed record Endpoint(HttpMethod Method, string Path, Func<JsonObject>? Body, Caller[] Allowed, string[] Required, bool Public = false);

    public FuzzRequest Next()
    {
        _counter++;
        var endpoints = Endpoints();
        var e = endpoints[_random.Next(endpoints.Count)];
        var mustFail = false;
        var description = new List<string> { $"{e.Method} {e.Path}" };

        // Credentials: mostly a caller allowed here, often one that is not.
        var caller = _random.Next(3) == 0 ? (Caller)_random.Next(7) : e.Allowed[_random.Next(e.Allowed.Length)];
        var authorization = Authorization(caller, out var badCredentials);
        description.Add($"as {caller}");
        if (badCredentials)
        {
            mustFail = true;
        }
        else if (!e.Public && !e.Allowed.Contains(caller))
        {
            mustFail = true;
        }

        // Path and method mutations.
        var method = e.Method;
        var path = e.Path;
        switch (_random.Next(14))
        {
            case 0:
                path = path.Replace("m1", Segment(), StringComparison.Ordinal).Replace("a-1", Segment(), StringComparison.Ordinal);
                description.Add("random id");
                break;
            case 1:
                method = new[] { HttpMethod.Put, HttpMethod.Head, HttpMethod.Options, new HttpMethod("TRACE"), HttpMethod.Patch, HttpMethod.Delete }[_random.Next(6)];
                if (!endpoints.Any(x => x.Method == method && x.Path == e.Path))
                {
                    mustFail = method != HttpMethod.Head && method != HttpMethod.Options;
                }

                description.Add($"method {method}");
                break;
            case 2:
                path = new[] { "/v1/nope", "/v1/markets/m1/orders/x", "/dashboard/missing.js", "/v1", "/v1/orderz", "/v1/markets/m1/depth/1", "/v2/health", "/v1/trades/1/proof/x" }[_random.Next(8)];
                mustFail = true;
                description.Add("unknown path");
                break;
            case 3:
                path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Uri.EscapeDataString(Junk(20)) + "=" + Uri.EscapeDataString(Junk(40));
                description.Add("junk query");
                break;
            default:
                break;
        }

        if (path.Contains("/depth?", StringComparison.Ordinal) && _random.Next(2) == 0)
        {
            var slot = new[] { "-1", "abc", "99999999999", "1e3", string.Empty, "%00", "4", "1.0", "+1", " 1" }[_random.Next(10)];
            path = path[..path.IndexOf('?', StringComparison.Ordinal)] + (_random.Next(5) == 0 ? string.Empty : "?slot=" + Uri.EscapeDataString(slot));
            description.Add($"depth slot '{slot}'");
        }

        byte[]? body = null;
        string? contentType = null;
        if (e.Body is not null || _random.Next(6) == 0)
        {
            var node = e.Body?.Invoke() ?? new JsonObject { ["x"] = 1 };
            if (caller == Caller.Signer && e.Path.EndsWith("/orders", StringComparison.Ordinal))
            {
                // Signed participants need X-Lem-Signature; it is added below for unmutated bodies only.
            }

            body = MutateBody(node, e, method == e.Method && path == e.Path, description, ref mustFail);
            contentType = _random.Next(4) == 0 ? ContentTypes[_random.Next(ContentTypes.Length)] : "application/json";
            if (_random.Next(10) == 0)
            {
                contentType = null;
            }
        }

        var accept = _random.Next(3) == 0 ? Accepts[_random.Next(Accepts.Length)] : null;
        if (caller == Caller.Signer && e.Body is not null && method == e.Method)
        {
            // The signer's body is never signed here, so its writes must fail (401) unless another mutation already fails them.
            mustFail = true;
        }

        return new FuzzRequest(method, path, authorization, body, contentType, accept, mustFail, string.Join(", ", description));
    }

    private List<Endpoint> Endpoints()
    {
        Caller[] anyone = [Caller.Anonymous, Caller.Operator, Caller.Alice, Caller.Bob, Caller.Dso];
        Caller[] participant = [Caller.Alice, Caller.Bob, Caller.Signer];
        Caller[] op = [Caller.Operator];
        return
        [
            new(HttpMethod.Get, "/v1/health", null, anyone, [], Public: true),
            new(HttpMethod.Get, "/v1/markets", null, anyone, [], Public: true),
            new(HttpMethod.Get, "/v1/markets/m1", null, anyone, [], Public: true),
            new(HttpMethod.Get, "/v1/markets/m1/prices", null, anyone, [], Public: true),
            new(HttpMethod.Get, "/v1/markets/m1/depth?slot=1", null, anyone, [], Public: true),
            new(HttpMethod.Get, "/v1/markets/m1/positions", null, [Caller.Dso, Caller.Operator], []),
            new(HttpMethod.Post, "/v1/markets", MarketBody, op, ["market_id", "mechanism", "delivery_start", "slot_minutes", "slot_count", "gate_closure_lead_minutes"]),
            new(HttpMethod.Post, "/v1/participants", ParticipantBody, op, ["participant_id"]),
            new(HttpMethod.Post, "/v1/markets/m1/orders", OrderBody, participant, ["client_order_id", "slot", "side", "price_eur_per_mwh", "quantity_kwh"]),
            new(HttpMethod.Post, "/v1/markets/auc/orders", OrderBody, participant, ["client_order_id", "slot", "side", "price_eur_per_mwh", "quantity_kwh"]),
            new(HttpMethod.Get, "/v1/orders", null, participant, []),
            new(HttpMethod.Get, "/v1/orders/a-1", null, participant, []),
            new(HttpMethod.Patch, "/v1/orders/a-1", AmendBody, participant, ["price_eur_per_mwh", "quantity_kwh"]),
            new(HttpMethod.Delete, "/v1/orders/a-1", null, participant, []),
            new(HttpMethod.Get, "/v1/trades", null, participant, []),
            new(HttpMethod.Get, "/v1/trades/1/proof", null, participant, []),
            new(HttpMethod.Post, "/v1/gate-closures/run", null, op, []),
        ];
    }

    private JsonObject MarketBody() => new()
    {
        ["market_id"] = MarketPool[_random.Next(MarketPool.Length)],
        ["mechanism"] = _random.Next(2) == 0 ? "continuous" : "call_auction",
        ["delivery_start"] = "2026-03-02T00:00:00Z",
        ["slot_minutes"] = 15,
        ["slot_count"] = 1 + _random.Next(4),
        ["gate_closure_lead_minutes"] = 5,
    };

    private JsonObject ParticipantBody()
    {
        var o = new JsonObject { ["participant_id"] = "p" + _random.Next(50).ToString(CultureInfo.InvariantCulture) };
        if (_random.Next(3) == 0)
        {
            o["role"] = _random.Next(2) == 0 ? "dso" : "participant";
        }

        if (_random.Next(4) == 0)
        {
            o["ed25519_public_key"] = Convert.ToBase64String(Ed25519KeyPair.Generate().PublicKey);
        }

        return o;
    }

    private JsonObject OrderBody() => new()
    {
        ["client_order_id"] = "f" + _counter.ToString(CultureInfo.InvariantCulture),
        ["slot"] = _random.Next(5),
        ["side"] = _random.Next(2) == 0 ? "buy" : "sell",
        ["price_eur_per_mwh"] = 40m + _random.Next(21),
        ["quantity_kwh"] = 1m + _random.Next(10),
    };

    private JsonObject AmendBody() => new()
    {
        ["price_eur_per_mwh"] = 40m + _random.Next(21),
        ["quantity_kwh"] = 1m + _random.Next(20),
    };

    private byte[] MutateBody(JsonObject node, Endpoint e, bool sameEndpoint, List<string> description, ref bool mustFail)
    {
        var reads = sameEndpoint && e.Body is not null && e.Method != HttpMethod.Get;
        var valid = Encoding.UTF8.GetBytes(node.ToJsonString());
        var required = e.Required;
        var kind = _random.Next(24);
        description.Add($"body mutation {kind}");
        switch (kind)
        {
            case 0:
                mustFail |= reads;
                return valid[.._random.Next(valid.Length)];
            case 1:
                mustFail |= reads;
                return RandomBytes(1 + _random.Next(200));
            case 2:
            {
                mustFail |= reads;
                var depth = 17 + _random.Next(5000);
                var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                return Encoding.UTF8.GetBytes("{\"x\":" + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "}");
            }

            case 3 when required.Length > 0:
            {
                mustFail |= reads;
                var field = required[_random.Next(required.Length)];
                node[field] = new string((char)('a' + _random.Next(26)), 1000 + _random.Next(60_000));
                return Encoding.UTF8.GetBytes(node.ToJsonString());
            }

            case 4 when required.Length > 0:
            {
                mustFail |= reads;
                var field = required[_random.Next(required.Length)];
                var huge = new[] { "1e400", "-1e400", "99999999999999999999999999999999", "1e29", "-79228162514264337593543950336", "2147483648", "-2147483649", "1.5e308" }[_random.Next(8)];
                return Encoding.UTF8.GetBytes(Replace(node, field, huge));
            }

            case 5 when required.Length > 0:
            {
                mustFail |= reads;
                var field = required[_random.Next(required.Length)];
                var literal = new[] { "NaN", "Infinity", "-Infinity", "undefined", "0x10", "01", ".5", "+1", "1.", "--1" }[_random.Next(10)];
                return Encoding.UTF8.GetBytes(Replace(node, field, literal));
            }

            case 6 when required.Length > 0:
            {
                mustFail |= reads;
                var field = required[_random.Next(required.Length)];
                var isString = node[field] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String;
                var wrong = new[] { "true", "false", "[]", "{}", "[1,2]", "{\"a\":1}", isString ? "12" : "\"12\"", isString ? "-3.5" : "\"abc\"" }[_random.Next(8)];
                return Encoding.UTF8.GetBytes(Replace(node, field, wrong));
            }

            case 7 when required.Length > 0:
                mustFail |= reads;
                node.Remove(required[_random.Next(required.Length)]);
                return Encoding.UTF8.GetBytes(node.ToJsonString());
            case 8:
                mustFail |= reads;
                node[Junk(8)] = 1;
                return Encoding.UTF8.GetBytes(node.ToJsonString());
            case 9 when required.Length > 0:
            {
                var field = required[_random.Next(required.Length)];
                var text = node.ToJsonString();
                return Encoding.UTF8.GetBytes(text[..^1] + ",\"" + field + "\":" + (_random.Next(2) == 0 ? "\"dup\"" : "7") + "}");
            }

            case 10 when required.Length > 0:
            {
                var field = required[_random.Next(required.Length)];
                var escape = new[] { "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"a\\u0000b\"", "\"\\uFFFF\"", "\"\\ud83d\\ude00\"" }[_random.Next(5)];
                return Encoding.UTF8.GetBytes(Replace(node, field, escape));
            }

            case 11 when required.Length > 0:
            {
                var field = required[_random.Next(required.Length)];
                var text = Replace(node, field, "\"@@\"");
                var at = text.IndexOf("@@", StringComparison.Ordinal);
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                bytes.RemoveRange(at, 2);
                bytes.InsertRange(at, new[] { new byte[] { 0xC3, 0x28 }, [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF] }[_random.Next(5)]);
                return [.. bytes];
            }

            case 12:
                return [0xEF, 0xBB, 0xBF, .. valid];
            case 13:
                mustFail |= reads;
                return Encoding.UTF8.GetBytes(new[] { "[]", "\"text\"", "42", "null", "true", "[{}]", "   " }[_random.Next(7)]);
            case 14:
                mustFail |= reads;
                return [];
            case 15:
                mustFail |= reads;
                return [.. valid, .. Encoding.UTF8.GetBytes(new string(' ', 70_000))];
            case 16:
                return Encoding.UTF8.GetBytes(RandomValues(node).ToJsonString());
            case 17 when required.Length > 0:
            {
                var field = required[_random.Next(required.Length)];
                node[field] = null;
                mustFail |= reads;
                return Encoding.UTF8.GetBytes(node.ToJsonString());
            }

            case 18:
                mustFail |= reads;
                return Encoding.UTF8.GetBytes(node.ToJsonString() + new[] { "x", "}", ",", "{}", "//c", "\0" }[_random.Next(6)]);
            default:
                return valid;
        }
    }

    /// <summary>Valid-shaped bodies with extreme or random values: the engine's own checks must refuse them cleanly.</summary>
    private JsonObject RandomValues(JsonObject node)
    {
        foreach (var name in node.Select(kv => kv.Key).ToList())
        {
            if (_random.Next(2) == 0)
            {
                continue;
            }

            node[name] = name switch
            {
                "slot" => new[] { -1, 0, 3, 4, 1000, int.MaxValue }[_random.Next(6)],
                "slot_count" => new[] { 0, 1, 1000, 1001, 96 }[_random.Next(5)],
                "slot_minutes" => new[] { 0, 1, 1440, 1441, 60 }[_random.Next(5)],
                "gate_closure_lead_minutes" => new[] { -1, 0, 10_080, 10_081 }[_random.Next(4)],
                "price_eur_per_mwh" => new[] { -501m, -500m, 4000m, 4000.01m, 0.001m, 0.0000000000000000000000000001m, 79228162514264337593543950335m, -79228162514264337593543950335m, 50.5m }[_random.Next(9)],
                "quantity_kwh" => new[] { 0m, -1m, 0.5m, 1_000_000_000m, 1_000_000_001m, 79228162514264337593543950335m, 1e-28m }[_random.Next(7)],
                "delivery_start" => new[] { "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-02-30T00:00:00Z", "yesterday", "2026-03-01", "2026-03-01T00:00:00+14:00", "1" }[_random.Next(7)],
                "mechanism" or "side" or "role" => new[] { "buy", "sell", "continuous", "call_auction", "dso", "operator", "BUY", string.Empty }[_random.Next(8)],
                "market_id" or "participant_id" or "client_order_id" => new[] { "operator", "a b", "../x", new string('x', 65), "ok-id", "é", "a/b", string.Empty }[_random.Next(8)],
                "ed25519_public_key" => new[] { "AAAA", "!!", Convert.ToBase64String(new byte[33]), Convert.ToBase64String(new byte[32]) }[_random.Next(4)],
                _ => node[name]?.DeepClone(),
            };
        }

        if (_random.Next(3) == 0)
        {
            node["tick_size_eur_per_mwh"] = new[] { 0m, -1m, 0.0000000000000000000000000001m, 0.00001m, 0.0001m, 0.001m, 1000m, 1001m, 0.03m }[_random.Next(9)];
        }

        if (_random.Next(3) == 0)
        {
            node["min_price_eur_per_mwh"] = new[] { -500m, -501m, 0m, 3999.99m, 4000m }[_random.Next(5)];
            node["max_price_eur_per_mwh"] = new[] { 4000m, 4001m, 0m, -500m, 0.005m }[_random.Next(5)];
        }

        return node;
    }

    private string? Authorization(Caller caller, out bool bad)
    {
        bad = false;
        switch (caller)
        {
            case Caller.Anonymous:
                return null;
            case Caller.Operator:
                return "Bearer " + TestServer.OperatorKey;
            case Caller.Alice:
                return "Bearer " + _keys.Alice;
            case Caller.Bob:
                return "Bearer " + _keys.Bob;
            case Caller.Signer:
                return "Bearer " + _keys.Signer;
            case Caller.Dso:
                return "Bearer " + _keys.Dso;
            default:
                bad = true;
                return new[]
                {
                    "Bearer " + Uri.EscapeDataString(Junk(30)), "Basic YWxpY2U6cGFzcw==", "Bearer", "bearer " + _keys.Alice, "Bearer  ", _keys.Alice, "Token " + _keys.Bob,
                    "Bearer " + _keys.Alice + "x", "Bearer " + new string('k', 4000),
                }[_random.Next(9)];
        }
    }

    private string Segment() => _random.Next(4) switch
    {
        0 => Uri.EscapeDataString(Junk(1 + _random.Next(30))),
        1 => new string('z', 500 + _random.Next(1500)),
        2 => new[] { "%00", "%2F", "..", "%252e", "%C3%28", "%FF", "a%20b", "%E2%80%AE" }[_random.Next(8)],
        _ => _random.Next(int.MaxValue).ToString(CultureInfo.InvariantCulture),
    };

    private string Junk(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)_random.Next(32, 0x2FF);
        }

        return new string(chars);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static string Replace(JsonObject node, string field, string rawValue)
    {
        node[field] = "@@REPLACE@@";
        return node.ToJsonString().Replace("\"@@REPLACE@@\"", rawValue, StringComparison.Ordinal);
    }
}
