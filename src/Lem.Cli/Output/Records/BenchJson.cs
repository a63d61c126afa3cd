namespace Lem.Cli.Output.Records;

/// <summary><c>lem bench … --format json</c>: the run count and processors, then the figures (and the references).</summary>
/// <param name="Runs">Measured runs per figure.</param>
/// <param name="Processors">Processors.</param>
public sealed record BenchJson(int Runs, int Processors)
{
    /// <summary>The figures by key (medians rounded to 1e-6), then <c>reference</c> (<see cref="BenchReferenceJson"/>) for the power flow, then <c>goals</c> (<see cref="BenchGoalJson"/>: each stated acceptance and whether it was met), in order.</summary>
    /// <remarks>Settable, not init-only: the serializer cannot take extension data through a record's initializers.</remarks>
    [JsonExtensionData]
    public Dictionary<string, object?>? Figures { get; set; }
}
