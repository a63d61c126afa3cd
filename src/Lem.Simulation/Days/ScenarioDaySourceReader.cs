using System.Text.Json;
using Lem.Scenarios;

namespace Lem.Simulation.Days;

/// <summary>Reads a scenario file (docs/scenario-format.md) whose horizon is whole market days as a <see cref="ScenarioDaySource"/>.</summary>
public sealed class ScenarioDaySourceReader : IDaySourceReader
{
    /// <inheritdoc />
    public string Name => "scenario";

    /// <inheritdoc />
    public bool CanRead(JsonElement root) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("participants", out _);

    /// <inheritdoc />
    public DaySourceLoad Read(string path)
    {
        var load = ScenarioReader.Load(path);
        if (!load.IsValid)
        {
            return new DaySourceLoad(null, load.Errors) { Warnings = load.Warnings };
        }

        var source = ScenarioDaySource.Create(load.Scenario!, out var errors);
        return new DaySourceLoad(errors.Count == 0 ? source : null, errors) { Warnings = load.Warnings };
    }
}
