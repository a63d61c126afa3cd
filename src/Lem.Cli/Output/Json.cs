using System.Text.Encodings.Web;

namespace Lem.Cli.Output;

/// <summary>Writes indented JSON documents to a text writer.</summary>
public static class Json
{
    /// <summary>Writes a record registered in <see cref="CliJsonContext"/> (source-generated, relaxed escaping), followed by a newline.</summary>
    public static void Write<T>(TextWriter output, T value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(value, CliJsonContext.TypeInfo<T>()));
    }

    /// <summary>Writes one JSON document built by <paramref name="write"/>, followed by a newline (<c>lem serve</c>'s and <c>lem ledger verify</c>'s reports).</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
