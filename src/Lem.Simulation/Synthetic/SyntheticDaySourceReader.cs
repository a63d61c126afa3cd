using System.Text.Json;
using Lem.Simulation.Days;

namespace Lem.Simulation.Synthetic;

/// <summary>Reads a synthetic community file (a JSON object with a <c>synthetic</c> member; docs/synthetic.md) as a day source.</summary>
public sealed class SyntheticDaySourceReader : IDaySourceReader
{
    /// <inheritdoc />
    public string Name => "synthetic";

    /// <inheritdoc />
    public bool CanRead(JsonElement root) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("synthetic", out _);

    /// <inheritdoc />
    public DaySourceLoad Read(string path)
    {
        var read = SyntheticSpec.Read(path);
        return new DaySourceLoad(read.IsValid ? read.Source : null, read.Errors) { Warnings = read.Warnings };
    }
}
