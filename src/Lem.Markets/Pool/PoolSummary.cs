using System.Text.Json.Serialization;

namespace Lem.Markets.Pool;

/// <summary>The pool's own fields of a run's <c>summary.json</c>.</summary>
/// <param name="PriceRule">The tie rule: <c>midpoint</c> or <c>marginal</c>.</param>
/// <param name="SimultaneousChargingPrevented">Whether binaries kept storage from charging and discharging at once.</param>
/// <param name="Model">The size and timing of the optimisation model.</param>
public sealed record PoolSummary(
    [property: JsonPropertyName("price_rule")] string PriceRule,
    [property: JsonPropertyName("simultaneous_charging_prevented")] bool SimultaneousChargingPrevented,
    [property: JsonPropertyName("model")] PoolModelSummary Model);
