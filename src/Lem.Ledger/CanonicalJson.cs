using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lem.Ledger;

/// <summary>
/// The canonical JSON form of RFC 8785 (JSON Canonicalization Scheme): object members sorted by the UTF-16 code units of
/// their names, no whitespace, strings with the minimal escapes, numbers as IEEE 754 doubles in ECMAScript's shortest
/// round-trip form. NaN and infinities cannot be represented and are refused; so are duplicate member names and lone
/// surrogates.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 256 };

    /// <summary>Serialises <paramref name="node"/> (null is the JSON literal <c>null</c>) to canonical UTF-8 bytes.</summary>
    /// <exception cref="ArgumentException">The node holds a value with no canonical form (NaN, an infinity, a lone surrogate, a duplicate member name).</exception>
    public static byte[] Serialize(JsonNode? node)
    {
        RejectNonFinite(node);
        JsonElement element;
        try
        {
            element = JsonSerializer.SerializeToElement(node);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"The JSON value has no canonical form: {ex.Message}", nameof(node), ex);
        }

        return Serialize(element);
    }

    /// <summary>Serialises a parsed JSON element to canonical UTF-8 bytes.</summary>
    /// <exception cref="ArgumentException">The element has no canonical form (a number outside the double range, a lone surrogate, a duplicate member name).</exception>
    public static byte[] Serialize(JsonElement element)
    {
        var text = new StringBuilder();
        try
        {
            Write(element, text);
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException($"The JSON value has no canonical form: {ex.Message}", nameof(element), ex);
        }

        var bytes = new UTF8Encoding(false, true);
        try
        {
            return bytes.GetBytes(text.ToString());
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("The JSON value contains a lone UTF-16 surrogate, which has no UTF-8 form.", nameof(element), ex);
        }
    }

    /// <summary>The canonical form of <paramref name="node"/> as a string.</summary>
    public static string SerializeToString(JsonNode? node) => Encoding.UTF8.GetString(Serialize(node));

    /// <summary>Parses JSON text and returns its canonical form as a string.</summary>
    /// <exception cref="ArgumentException">The text is not JSON or has no canonical form.</exception>
    public static string Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, ParseOptions);
            return Encoding.UTF8.GetString(Serialize(doc.RootElement));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Not valid JSON: {ex.Message}", nameof(json), ex);
        }
    }

    /// <summary>True when <paramref name="json"/> is valid JSON and already in canonical form.</summary>
    public static bool IsCanonical(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return string.Equals(Canonicalize(json), json, StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Formats a finite double as ECMAScript's <c>Number.prototype.toString</c> does (RFC 8785 §3.2.2.3): the shortest
    /// digits that round-trip, plain notation for decimal exponents in [-6, 21), otherwise <c>d.ddde±x</c>; −0 is "0".
    /// </summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} has no JSON form; canonical JSON refuses NaN and infinities.", nameof(value));
        }

        if (value == 0)
        {
            return "0";
        }

        // .NET's "R" gives the shortest round-trip digits (closest to the value on ties), as ECMAScript requires.
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot >= 0 ? r[..dot] : r;
        var fraction = dot >= 0 ? r[(dot + 1)..] : string.Empty;
        var digits = integerPart + fraction;

        // value = 0.digits × 10^n
        var n = integerPart.Length + exponent;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits[lead..];
        n -= lead;
        digits = digits.TrimEnd('0');
        var k = digits.Length;

        var sb = new StringBuilder();
        if (value < 0)
        {
            sb.Append('-');
        }

        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits, 1, k - 1);
            }

            var x = n - 1;
            sb.Append('e').Append(x >= 0 ? '+' : '-').Append(Math.Abs(x).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static void RejectNonFinite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    RejectNonFinite(v);
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    RejectNonFinite(v);
                }

                break;
            case JsonValue v:
                if ((v.TryGetValue<double>(out var d) && !double.IsFinite(d)) || (v.TryGetValue<float>(out var f) && !float.IsFinite(f)))
                {
                    throw new ArgumentException($"The number at {v.GetPath()} is NaN or infinite; canonical JSON refuses them.", nameof(node));
                }

                break;
        }
    }

    private static void Write(JsonElement element, StringBuilder sb)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<(string Name, JsonElement Value)>();
                foreach (var p in element.EnumerateObject())
                {
                    members.Add((p.Name, p.Value));
                }

                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                sb.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        if (string.Equals(members[i].Name, members[i - 1].Name, StringComparison.Ordinal))
                        {
                            throw new ArgumentException($"The object has the member \"{members[i].Name}\" twice; canonical JSON needs unique names.", nameof(element));
                        }

                        sb.Append(',');
                    }

                    WriteString(members[i].Name, sb);
                    sb.Append(':');
                    Write(members[i].Value, sb);
                }

                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    Write(item, sb);
                }

                sb.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, sb);
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
                {
                    throw new ArgumentException($"The number {raw} is outside the range of an IEEE 754 double.", nameof(element));
                }

                sb.Append(FormatNumber(d));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    private static void WriteString(string s, StringBuilder sb)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw new ArgumentException($"The string \"{s}\" contains a lone UTF-16 surrogate; canonical JSON needs valid Unicode.", nameof(s));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
