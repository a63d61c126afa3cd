using System.Text.Unicode;

namespace Lem.Server.Api;

/// <summary>
/// A request's JSON object, read by hand so that every mistake is reported as a 400 problem naming the field: wrong types,
/// missing or unknown fields, numbers out of range. Bodies over the size limit give 413, bodies slower than the minimum data
/// rate 408, malformed framing Kestrel's 400; nothing here throws to the caller.
/// </summary>
internal sealed class RequestBody
{
    private readonly JsonObject _object;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private RequestBody(byte[] bytes, JsonObject o)
    {
        Bytes = bytes;
        _object = o;
    }

    /// <summary>The raw bytes of the body (what a participant signs).</summary>
    public byte[] Bytes { get; }

    /// <summary>The problems found so far, by field.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads the body as one JSON object, or returns the problem that prevents it.</summary>
    public static async Task<(RequestBody? Body, CommandResult? Problem)> ReadAsync(HttpContext context)
    {
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, new CommandResult(413, Views.Problem(413, "Payload too large.", "The request body exceeds the server's size limit.")));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // Kestrel's minimum body data rate (docs/server-limits.md). The rest of the body is still on its way, so the
            // connection cannot carry another request: say so, and Kestrel closes it after this answer.
            context.Response.Headers.Connection = "close";
            return (null, new CommandResult(408, Views.Problem(408, "Request timeout.", "body: the request body arrived slower than the server's minimum data rate.")));
        }
        catch (BadHttpRequestException ex)
        {
            // Malformed framing (bad chunk sizes, a body cut short): the client's mistake, with Kestrel's status (400).
            return (null, new CommandResult(ex.StatusCode, Views.Problem(ex.StatusCode, "Bad request.", $"body: {ex.Message}")));
        }

        if (!Utf8.IsValid(bytes))
        {
            // Invalid UTF-8 inside a JSON string is only noticed when the string is read; refuse it here as a whole.
            return (null, new CommandResult(400, Views.Problem(400, "The body is not valid UTF-8.", "body: not valid UTF-8 text.",
                new Dictionary<string, string> { ["body"] = "not valid UTF-8" })));
        }

        JsonNode? node;
        try
        {
            // Duplicate names are refused while parsing (JsonObject would otherwise throw when the object is first read).
            node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : string.Empty;
            return (null, new CommandResult(400, Views.Problem(400, "The body is not valid JSON.", $"body: not valid JSON{at}.",
                new Dictionary<string, string> { ["body"] = "not valid JSON" })));
        }

        if (node is not JsonObject o)
        {
            return (null, new CommandResult(400, Views.Problem(400, "The body must be a JSON object.", "body: expected a JSON object.",
                new Dictionary<string, string> { ["body"] = "expected a JSON object" })));
        }

        return (new RequestBody(bytes, o), null);
    }

    /// <summary>A required or optional string; <paramref name="id"/> applies the id rules (letters, digits, _-.:@/, at most 64).</summary>
    public string? String(string name, bool required = true, bool id = false)
    {
        var node = Take(name, required);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            Errors[name] = "must be a string";
            return null;
        }

        string s;
        try
        {
            s = v.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (e.g. "\ud800") is valid JSON but not valid UTF-16 text.
            Errors[name] = "must be valid Unicode text";
            return null;
        }

        if (id && IdRules.Problem(s) is { } problem)
        {
            Errors[name] = problem;
            return null;
        }

        return s;
    }

    /// <summary>A required string that must be one of <paramref name="allowed"/>.</summary>
    public string? Choice(string name, params string[] allowed)
    {
        var s = String(name);
        if (s is not null && !allowed.Contains(s, StringComparer.Ordinal))
        {
            Errors[name] = $"must be one of {string.Join(", ", allowed)}";
            return null;
        }

        return s;
    }

    /// <summary>A required or optional decimal number (a JSON number; strings, NaN and out-of-range values are refused).</summary>
    public decimal? Decimal(string name, bool required = true)
    {
        var node = Take(name, required);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<decimal>(out var d))
        {
            Errors[name] = "must be a finite JSON number within +/-7.9e28";
            return null;
        }

        return d;
    }

    /// <summary>A required or optional integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? Int(string name, int min, int max, bool required = true)
    {
        var node = Take(name, required);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<int>(out var i) || i < min || i > max)
        {
            Errors[name] = $"must be an integer in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]";
            return null;
        }

        return i;
    }

    /// <summary>A required or optional JSON boolean.</summary>
    public bool? Bool(string name, bool required = true)
    {
        var node = Take(name, required);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue v || v.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            Errors[name] = "must be true or false";
            return null;
        }

        return v.GetValue<bool>();
    }

    /// <summary>A required or optional JSON object, as is (a copy).</summary>
    public JsonObject? Object(string name, bool required = true)
    {
        var node = Take(name, required);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject o)
        {
            Errors[name] = "must be a JSON object";
            return null;
        }

        return (JsonObject)o.DeepClone();
    }

    /// <summary>The 400 problem listing every error and every unknown field, or null when the body is fine.</summary>
    public CommandResult? Problem()
    {
        foreach (var (name, _) in _object)
        {
            if (!_known.Contains(name))
            {
                Errors[name] = "unknown field";
            }
        }

        if (Errors.Count == 0)
        {
            return null;
        }

        var detail = string.Join("; ", Errors.Select(e => $"{e.Key}: {e.Value}"));
        return new CommandResult(400, Views.Problem(400, "One or more fields are invalid.", detail, Errors));
    }

    private JsonNode? Take(string name, bool required)
    {
        _known.Add(name);
        if (!_object.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                Errors[name] = "is required";
            }

            return null;
        }

        return node;
    }
}
