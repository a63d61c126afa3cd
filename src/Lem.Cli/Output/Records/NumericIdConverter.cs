namespace Lem.Cli.Output.Records;

/// <summary>Writes an id as a JSON number when it is an integer (MATPOWER bus numbers, pandapower indices), else as a string.</summary>
public sealed class NumericIdConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType == JsonTokenType.Number
        ? reader.GetInt64().ToString(CultureInfo.InvariantCulture)
        : reader.GetString() ?? throw new JsonException("An id is a number or a string.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
