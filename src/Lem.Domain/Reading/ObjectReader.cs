using System.Globalization;
using System.Text.Json;
using Lem.Domain.Validation;

namespace Lem.Domain.Reading;

/// <summary>
/// Reads the properties of one JSON object, reporting missing, mistyped, non-finite and out-of-range values with
/// their paths, and — on <see cref="ReportUnknown"/> — every property that was not read (usually a typo).
/// </summary>
public sealed class ObjectReader
{
    private readonly JsonElement _element;
    private readonly Diagnostics _diagnostics;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Creates a reader over an object element.</summary>
    public ObjectReader(JsonElement element, string path, Diagnostics diagnostics)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The element must be a JSON object.", nameof(element));
        }

        _element = element;
        Path = path;
        _diagnostics = diagnostics;
    }

    /// <summary>The JSON path of the object.</summary>
    public string Path { get; }

    /// <summary>Where problems are recorded.</summary>
    public Diagnostics Diagnostics => _diagnostics;

    /// <summary>The path of a property of this object.</summary>
    public string PathOf(string name) => JsonPaths.Property(Path, name);

    /// <summary>Whether the object has a property (not null).</summary>
    public bool Has(string name) => _element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>Reads a property's element; reports <c>field.missing</c> when it is required and absent.</summary>
    public JsonElement? Element(string name, bool required)
    {
        _read.Add(name);
        if (_element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            _diagnostics.Error(PathOf(name), ValidationCodes.FieldMissing, $"The field '{name}' is required in {Describe(Path)}.");
        }

        return null;
    }

    /// <summary>Reads an object property as a nested reader.</summary>
    public ObjectReader? Object(string name, bool required)
    {
        var e = Element(name, required);
        if (e is null)
        {
            return null;
        }

        if (e.Value.ValueKind != JsonValueKind.Object)
        {
            TypeError(name, "an object", e.Value);
            return null;
        }

        return new ObjectReader(e.Value, PathOf(name), _diagnostics);
    }

    /// <summary>Reads an array property, reporting a type error for anything else.</summary>
    public JsonElement? Array(string name, bool required, int maxItems)
    {
        var e = Element(name, required);
        if (e is null)
        {
            return null;
        }

        if (e.Value.ValueKind != JsonValueKind.Array)
        {
            TypeError(name, "an array", e.Value);
            return null;
        }

        var n = e.Value.GetArrayLength();
        if (n > maxItems)
        {
            _diagnostics.Error(PathOf(name), ValidationCodes.SizeLimit, $"'{name}' has {n} items; at most {maxItems} are allowed.");
            return null;
        }

        return e;
    }

    /// <summary>Reads a string property.</summary>
    public string? String(string name, bool required, int maxLength = 256)
    {
        var e = Element(name, required);
        if (e is null)
        {
            return null;
        }

        if (e.Value.ValueKind != JsonValueKind.String)
        {
            TypeError(name, "a string", e.Value);
            return null;
        }

        var s = e.Value.GetString()!;
        if (s.Length > maxLength)
        {
            _diagnostics.Error(PathOf(name), ValidationCodes.SizeLimit, $"'{name}' has {s.Length} characters; at most {maxLength} are allowed.");
            return null;
        }

        return s;
    }

    /// <summary>Reads a string property that must be one of <paramref name="choices"/> (compared ordinally).</summary>
    public string? Choice(string name, bool required, params string[] choices)
    {
        var s = String(name, required);
        if (s is null)
        {
            return null;
        }

        if (!choices.Contains(s, StringComparer.Ordinal))
        {
            _diagnostics.Error(PathOf(name), ValidationCodes.ValueInvalid, $"'{s}' is not a valid {name}; use one of: {string.Join(", ", choices)}.");
            return null;
        }

        return s;
    }

    /// <summary>Reads a boolean property.</summary>
    public bool? Bool(string name, bool required)
    {
        var e = Element(name, required);
        if (e is null)
        {
            return null;
        }

        if (e.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return e.Value.GetBoolean();
        }

        TypeError(name, "true or false", e.Value);
        return null;
    }

    /// <summary>
    /// Reads a number property and checks it against a range; <paramref name="unit"/> is named in messages.
    /// </summary>
    public double? Number(string name, bool required, NumberRange range, string unit = "")
    {
        var e = Element(name, required);
        return e is null ? null : NumberValue(e.Value, PathOf(name), name, range, unit, _diagnostics);
    }

    /// <summary>Reads an integer property and checks it against a range.</summary>
    public int? Integer(string name, bool required, int min, int max)
    {
        var e = Element(name, required);
        if (e is null)
        {
            return null;
        }

        if (e.Value.ValueKind != JsonValueKind.Number || !e.Value.TryGetInt32(out var v))
        {
            TypeError(name, "a whole number", e.Value);
            return null;
        }

        if (v < min || v > max)
        {
            _diagnostics.Error(PathOf(name), ValidationCodes.ValueOutOfRange, $"{name} = {v} is out of range; it must be between {min} and {max}.");
            return null;
        }

        return v;
    }

    /// <summary>Checks one JSON number value, reporting type, finiteness and range problems at <paramref name="path"/>.</summary>
    public static double? NumberValue(JsonElement e, string path, string name, NumberRange range, string unit, Diagnostics diagnostics)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            var s = e.GetString() ?? string.Empty;
            if (s.Trim() is "NaN" or "nan" or "Infinity" or "-Infinity" or "inf" or "-inf")
            {
                diagnostics.Error(path, ValidationCodes.ValueNotFinite, $"{name} is '{s}'; it must be a finite number.");
            }
            else
            {
                diagnostics.Error(path, ValidationCodes.FieldType, $"{name} must be a number, not the string \"{Shorten(s)}\".");
            }

            return null;
        }

        if (e.ValueKind != JsonValueKind.Number)
        {
            diagnostics.Error(path, ValidationCodes.FieldType, $"{name} must be a number, not {KindName(e)}.");
            return null;
        }

        if (!e.TryGetDouble(out var v) || !double.IsFinite(v))
        {
            diagnostics.Error(path, ValidationCodes.ValueNotFinite, $"{name} = {Shorten(e.GetRawText())} is too large to be a finite number.");
            return null;
        }

        var problem = range.Problem(v);
        if (problem is not null)
        {
            var u = unit.Length > 0 ? " " + unit : string.Empty;
            diagnostics.Error(path, ValidationCodes.ValueOutOfRange, $"{name} = {v.ToString("G", CultureInfo.InvariantCulture)}{u} is out of range; it must be {problem}{u}.");
            return null;
        }

        return v;
    }

    /// <summary>Reports every property of the object that no reader asked for.</summary>
    public void ReportUnknown()
    {
        foreach (var p in _element.EnumerateObject())
        {
            if (_read.Contains(p.Name) || p.Name == "$schema" || p.Name.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var suggestion = Closest(p.Name, _read);
            var hint = suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";
            _diagnostics.Error(PathOf(p.Name), ValidationCodes.FieldUnknown, $"The field '{p.Name}' is not part of {Describe(Path)}.{hint}");
        }
    }

    /// <summary>Reports a type error for a property.</summary>
    public void TypeError(string name, string expected, JsonElement actual) =>
        _diagnostics.Error(PathOf(name), ValidationCodes.FieldType, $"'{name}' must be {expected}, not {KindName(actual)}.");

    /// <summary>A readable name of a JSON value's kind.</summary>
    public static string KindName(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(e.GetString() ?? string.Empty)}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {e.GetRawText()}",
        _ => "null",
    };

    private static string Describe(string path) => path == "$" ? "the scenario" : path;

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            var d = Levenshtein(name.ToLowerInvariant(), k.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = k;
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
