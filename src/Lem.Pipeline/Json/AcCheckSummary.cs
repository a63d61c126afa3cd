using System.Text.Json.Serialization;

namespace Lem.Pipeline.Json;

/// <summary>The AC check in a run summary.</summary>
/// <param name="Algorithm">nr (Newton-Raphson) or bfs (backward/forward sweep).</param>
/// <param name="Converged">Whether every slot converged.</param>
/// <param name="VmMinPu">The lowest voltage, p.u.</param>
/// <param name="VmMaxPu">The highest voltage, p.u.</param>
/// <param name="MaxLoadingPercent">The highest branch loading, %.</param>
/// <param name="LossesMwh">Series losses over the horizon, MWh.</param>
/// <param name="MaxVoltageDeviationPu">The largest |V formulation − V AC|, or null (left out).</param>
/// <param name="ViolationCount">All limit violations.</param>
/// <param name="Violations">The first 1000 violations.</param>
/// <param name="SeriesLossesMwh">Series losses over the horizon, MWh (the same as <paramref name="LossesMwh"/>).</param>
/// <param name="TransformerNoLoadLossesMwh">Transformer no-load (iron) losses over the horizon, MWh.</param>
/// <param name="ShuntLossesMwh">Bus shunt and line shunt-conductance losses over the horizon, MWh.</param>
/// <param name="TotalLossesMwh">All losses over the horizon, MWh: series + transformer no-load + shunt.</param>
public sealed record AcCheckSummary(
    string Algorithm,
    bool Converged,
    double VmMinPu,
    double VmMaxPu,
    double MaxLoadingPercent,
    double LossesMwh,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MaxVoltageDeviationPu,
    int ViolationCount,
    IReadOnlyList<AcViolationSummary> Violations,
    double SeriesLossesMwh,
    double TransformerNoLoadLossesMwh,
    double ShuntLossesMwh,
    double TotalLossesMwh)
{
    /// <summary>
    /// A three-phase check (lindist3flow, docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices): per phase
    /// a, b, c the largest |V_formulation − V_AC| over buses and slots in p.u.; null (left out) otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? MaxVoltageErrorPuByPhase { get; init; }

    /// <summary>A three-phase check: the largest voltage unbalance factor |V_2|/|V_1| over buses and slots, percent; null (left out) otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MaxUnbalancePercent { get; init; }
}
