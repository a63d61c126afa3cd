using System.Text.Json.Serialization;

namespace Lem.Markets.Pool;

/// <summary>The pool's own fields of a run's <c>summary.json</c>.</summary>
/// <param name="PriceRule">The tie rule: <c>midpoint</c> or <c>marginal</c>.</param>
/// <param name="SimultaneousChargingPrevented">Whether binaries kept storage from charging and discharging at once.</param>
/// <param name="Model">The size and timing of the optimisation model.</param>
/// <param name="Dlmp">The DLMP decomposition, or null (left out) when the formulation has none.</param>
/// <param name="SocExactness">The SOC relaxation's cone gaps, or null (left out) for other formulations.</param>
/// <param name="PhaseDlmp">The per-phase DLMP decomposition (lindist3flow), or null (left out) for other formulations.</param>
public sealed record PoolSummary(
    string PriceRule,
    bool SimultaneousChargingPrevented,
    PoolModelSummary Model,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DlmpSummary? Dlmp = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SocExactnessSummary? SocExactness = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DlmpSummary? PhaseDlmp = null);
