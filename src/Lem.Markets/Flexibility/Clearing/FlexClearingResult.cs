using Lem.Markets.Flexibility.Pricing;

namespace Lem.Markets.Flexibility.Clearing;

/// <summary>The result of a flexibility clearing (docs/mechanisms/flexibility.md#clearing).</summary>
public sealed record FlexClearingResult
{
    /// <summary>How it ended.</summary>
    public required FlexClearingStatus Status { get; init; }

    /// <summary>The sensitivity model used.</summary>
    public required string SensitivityModel { get; init; }

    /// <summary>The pricing rule used.</summary>
    public required string Pricing { get; init; }

    /// <summary>Where the clearing spent its time (docs/mechanisms/flexibility.md#performance).</summary>
    public FlexClearingTimings Timings { get; init; } = FlexClearingTimings.None;

    /// <summary>The most rounds any slot needed.</summary>
    public required int Rounds { get; init; }

    /// <summary>The orders by slot, then offer id.</summary>
    public required IReadOnlyList<FlexOrder> Orders { get; init; }

    /// <summary>What the DSO pays under the pricing rule (EUR).</summary>
    public decimal CostEur => Orders.Sum(o => o.CostEur);

    /// <summary>The locational flexibility prices of every bus in every slot.</summary>
    public required IReadOnlyList<FlexBusPrice> Prices { get; init; }

    /// <summary>The binding limits of the final linear problems.</summary>
    public required IReadOnlyList<FlexLimitDual> BindingLimits { get; init; }

    /// <summary>The AC power flow of the baseline, per slot.</summary>
    public required IReadOnlyList<FlexAcSlot> Before { get; init; }

    /// <summary>The AC power flow with the orders, per slot.</summary>
    public required IReadOnlyList<FlexAcSlot> After { get; init; }

    /// <summary>Why a limit could not be met, per slot (empty when cleared).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The violations of the baseline.</summary>
    public IEnumerable<FlexViolation> ViolationsBefore => Before.SelectMany(s => s.Violations);

    /// <summary>The violations that remain with the orders.</summary>
    public IEnumerable<FlexViolation> ViolationsAfter => After.SelectMany(s => s.Violations);
}
