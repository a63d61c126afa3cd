namespace Lem.Cli.Output.Records;

/// <summary><c>lem pf --format json</c> on one snapshot.</summary>
/// <param name="File">The network file as given.</param>
/// <param name="Converged">Whether the power flow converged.</param>
/// <param name="Status">converged, iteration_limit, diverged, singular or not_applicable.</param>
/// <param name="Algorithm">nr or bfs.</param>
/// <param name="Iterations">Iterations done.</param>
/// <param name="MismatchMw">The final largest power mismatch, MW.</param>
/// <param name="LossesMw">Series losses, MW.</param>
/// <param name="LossesMvar">Series reactive losses, Mvar.</param>
/// <param name="VmMinPu">The lowest voltage, p.u.</param>
/// <param name="VmMinBus">Its bus.</param>
/// <param name="VmMaxPu">The highest voltage, p.u.</param>
/// <param name="VmMaxBus">Its bus.</param>
/// <param name="SlackPMw">Slack active generation, MW.</param>
/// <param name="SlackQMvar">Slack reactive generation, Mvar.</param>
/// <param name="ElapsedMs">Solver time, ms.</param>
/// <param name="Buses">Every bus.</param>
/// <param name="Branches">Every branch.</param>
/// <param name="Violations">Limit violations.</param>
/// <param name="TransformerNoLoadLossesMw">Transformer no-load (iron) losses, MW.</param>
/// <param name="ShuntLossesMw">Bus shunt and line shunt-conductance losses, MW.</param>
/// <param name="TotalLossesMw">All active losses, MW: series + transformer no-load + shunt.</param>
public sealed record PowerFlowJson(
    string File,
    bool Converged,
    string Status,
    string Algorithm,
    int Iterations,
    double MismatchMw,
    double LossesMw,
    double LossesMvar,
    double VmMinPu,
    [property: JsonConverter(typeof(NumericIdConverter))] string VmMinBus,
    double VmMaxPu,
    [property: JsonConverter(typeof(NumericIdConverter))] string VmMaxBus,
    double SlackPMw,
    double SlackQMvar,
    double ElapsedMs,
    IReadOnlyList<PowerFlowBusJson> Buses,
    IReadOnlyList<PowerFlowBranchJson> Branches,
    IReadOnlyList<PowerFlowViolationJson> Violations,
    double TransformerNoLoadLossesMw,
    double ShuntLossesMw,
    double TotalLossesMw)
{
    /// <summary>The phases solved: 1 (balanced); three-phase networks have their own output (docs/three-phase.md).</summary>
    public int Phases { get; init; } = 1;

    /// <summary>Set when a network with asymmetric elements was solved balanced by choice (<c>--phases 1</c>): what that hides.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BalancedNote { get; init; }
}
