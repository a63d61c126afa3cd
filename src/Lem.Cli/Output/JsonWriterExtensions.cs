namespace Lem.Cli.Output;

/// <summary>Writes optional values: the value when there is one, JSON <c>null</c> otherwise (fields are never left out).</summary>
public static class JsonWriterExtensions
{
    /// <summary>Writes <paramref name="value"/> as a JSON string, or <c>null</c> when there is none.</summary>
    public static void WriteStringOrNull(this Utf8JsonWriter w, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (value is not null)
        {
            w.WriteString(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes <paramref name="value"/> as a JSON number, or <c>null</c> when there is none.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, long? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes <paramref name="value"/> as a JSON number, or <c>null</c> when there is none or it is not finite.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (value is { } number && double.IsFinite(number))
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
