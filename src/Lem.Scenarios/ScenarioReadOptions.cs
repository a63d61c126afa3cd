namespace Lem.Scenarios;

/// <summary>The limits a scenario and the files it references are read under (docs/scenario-format.md#limits).</summary>
public sealed record ScenarioReadOptions
{
    /// <summary>The default limits (<see cref="ScenarioLimits"/>).</summary>
    public static ScenarioReadOptions Default { get; } = new();

    /// <summary>The largest referenced CSV file, bytes after decompression; a larger one is refused with <c>size.too_large</c>.</summary>
    public long MaxCsvBytes { get; init; } = ScenarioLimits.MaxCsvBytes;
}
