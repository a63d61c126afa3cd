using System.Globalization;
using System.Text.Json;
using Lem.Domain.Validation;

namespace Lem.Grid.ThreePhase.Import;

/// <summary>Reads typed fields of one JSON object, collecting every problem with its JSON path.</summary>
internal readonly struct JsonRecord
{
    private readonly JsonElement _element;
    private readonly List<ValidationError> _errors;

    public JsonRecord(JsonElement element, string path, List<ValidationError> errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    /// <summary>The JSON path of the object.</summary>
    public string Path { get; }

    /// <summary>True when the field exists and is not null.</summary>
    public bool Has(string name) => _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null && !IsNanText(v);

    /// <summary>A finite number; records an error and returns NaN when missing or not a number.</summary>
    public double Number(string name)
    {
        if (!Has(name))
        {
            _errors.Add(new ValidationError($"{Path}.{name}", ValidationCodes.FieldMissing, $"The field '{name}' is required."));
            return double.NaN;
        }

        return Read(_element.GetProperty(name), $"{Path}.{name}");
    }

    /// <summary>A finite number, or <paramref name="fallback"/> when the field is missing.</summary>
    public double Number(string name, double fallback) => Has(name) ? Read(_element.GetProperty(name), $"{Path}.{name}") : fallback;

    /// <summary>A number, or null when the field is missing.</summary>
    public double? OptionalNumber(string name) => Has(name) ? Read(_element.GetProperty(name), $"{Path}.{name}") : null;

    /// <summary>An id (integer or string) as text; records an error when missing.</summary>
    public string Id(string name)
    {
        if (!Has(name))
        {
            _errors.Add(new ValidationError($"{Path}.{name}", ValidationCodes.FieldMissing, $"The field '{name}' is required."));
            return string.Empty;
        }

        var value = _element.GetProperty(name);
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString() ?? string.Empty,
            _ => Fail($"{Path}.{name}", ValidationCodes.FieldType, $"The field '{name}' must be an id (number or string)."),
        };
    }

    /// <summary>Three numbers from an array field (per phase) or one number repeated.</summary>
    public double[] Triple(string name)
    {
        if (!Has(name))
        {
            _errors.Add(new ValidationError($"{Path}.{name}", ValidationCodes.FieldMissing, $"The field '{name}' is required."));
            return [0, 0, 0];
        }

        var value = _element.GetProperty(name);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 3)
        {
            _errors.Add(new ValidationError($"{Path}.{name}", ValidationCodes.FieldType, $"The field '{name}' must be an array of three numbers (phases a, b, c)."));
            return [0, 0, 0];
        }

        return [Read(value[0], $"{Path}.{name}[0]"), Read(value[1], $"{Path}.{name}[1]"), Read(value[2], $"{Path}.{name}[2]")];
    }

    /// <summary>Records an error at a field of this object.</summary>
    public void Error(string name, string code, string message) => _errors.Add(new ValidationError($"{Path}.{name}", code, message));

    private double Read(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
        {
            return parsed;
        }

        _errors.Add(new ValidationError(path, value.ValueKind == JsonValueKind.Number ? ValidationCodes.ValueNotFinite : ValidationCodes.FieldType, "A finite number is required."));
        return double.NaN;
    }

    private string Fail(string path, string code, string message)
    {
        _errors.Add(new ValidationError(path, code, message));
        return string.Empty;
    }

    private static bool IsNanText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "NaN", StringComparison.OrdinalIgnoreCase);
}
