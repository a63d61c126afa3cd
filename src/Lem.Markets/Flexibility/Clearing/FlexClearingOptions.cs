using Lem.Markets.Flexibility.Pricing;

namespace Lem.Markets.Flexibility.Clearing;

/// <summary>Options of <see cref="FlexClearing"/>.</summary>
public sealed record FlexClearingOptions
{
    /// <summary>The defaults: pay-as-bid, automatic sensitivity model, at most 5 rounds.</summary>
    public static FlexClearingOptions Default { get; } = new();

    /// <summary>How orders are paid.</summary>
    public IFlexPricingRule Pricing { get; init; } = FlexPricingRules.Default;

    /// <summary>The sensitivity model: <c>auto</c>, <c>lindistflow</c> or <c>dc</c>.</summary>
    public string SensitivityModel { get; init; } = "auto";

    /// <summary>The most linearise–clear–AC-check rounds per slot (at least 1).</summary>
    public int MaxRounds { get; init; } = 5;

    /// <summary>An AC branch loading counts as a violation above 100 % plus this many percent.</summary>
    public double ThermalTolerancePercent { get; init; } = 0.1;

    /// <summary>An AC voltage counts as a violation this far (p.u.) outside its band.</summary>
    public double VoltageTolerancePu { get; init; } = 1e-4;

    /// <summary>
    /// The penalty (EUR/MWh, or EUR/h per unit of squared voltage) on a limit the offers cannot meet; a selection
    /// that needs it is reported as insufficient flexibility.
    /// </summary>
    public double ShortfallPenaltyEurPerMwh { get; init; } = 1e6;

    /// <summary>
    /// Clears the plain way, as the reference the fast path is tested against: slots one after another on one thread,
    /// linear states summed bus by bus, every candidate in every selection problem, and a selection problem and AC
    /// check for every slot, even one with nothing to meet (docs/mechanisms/flexibility.md#performance). Same orders and
    /// cost, only slower.
    /// </summary>
    public bool ReferenceMode { get; init; }
}
