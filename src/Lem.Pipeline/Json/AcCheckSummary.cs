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
public sealed record AcCheckSummary(
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("converged")] bool Converged,
    [property: JsonPropertyName("vm_min_pu")] double VmMinPu,
    [property: JsonPropertyName("vm_max_pu")] double VmMaxPu,
    [property: JsonPropertyName("max_loading_percent")] double MaxLoadingPercent,
    [property: JsonPropertyName("losses_mwh")] double LossesMwh,
    [property: JsonPropertyName("max_voltage_deviation_pu"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MaxVoltageDeviationPu,
    [property: JsonPropertyName("violation_count")] int ViolationCount,
    [property: JsonPropertyName("violations")] IReadOnlyList<AcViolationSummary> Violations);
