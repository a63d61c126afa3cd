using Lem.Markets.Clearing;
using Lem.Markets.Redispatch;
using Lem.Settlement.LocalPricing;
using Lem.Settlement.Metering;

namespace Lem.Pipeline;

/// <summary>What <see cref="ClearingPipeline"/> should do with a scenario.</summary>
/// <param name="Mechanism">The registered name of the clearing mechanism.</param>
public sealed record PipelineRequest(string Mechanism)
{
    /// <summary>The grid formulation (<c>auto</c> or a formulation's name).</summary>
    public string Formulation { get; init; } = "auto";

    /// <summary>The clearing options.</summary>
    public ClearingOptions Options { get; init; } = ClearingOptions.Default;

    /// <summary>Whether to check the cleared schedule with an AC power flow (on a grid).</summary>
    public bool AcCheck { get; init; } = true;

    /// <summary>Whether to settle the clearing with the scenario's tariffs.</summary>
    public bool Settle { get; init; }

    /// <summary>Meter readings for the settlement, or null to settle as scheduled.</summary>
    public MeterReadings? Meters { get; init; }

    /// <summary>
    /// A local price rule that re-prices the members' cleared positions before the settlement (null: the clearing's
    /// prices; docs/settlement.md#local-price-rules).
    /// </summary>
    public ILocalPriceRule? LocalPriceRule { get; init; }

    /// <summary>
    /// Whether the scenario's per-meter tariff charges enter the clearing objective (docs/settlement.md#tariff-aware-clearing):
    /// null for the default, on when the scenario has a <c>settlement</c> section.
    /// </summary>
    public bool? TariffAware { get; init; }

    /// <summary>
    /// The DSO's redispatch after the clearing (docs/mechanisms/redispatch.md): a name of <c>RedispatchStrategies</c>,
    /// or null to clear once without one.
    /// </summary>
    public string? Redispatch { get; init; }

    /// <summary>The redispatch's options (the most rounds).</summary>
    public RedispatchOptions RedispatchOptions { get; init; } = RedispatchOptions.Default;
}
