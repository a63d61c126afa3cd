using Lem.Markets.Flexibility.Pricing;

namespace Lem.Markets.Flexibility.Clearing;

/// <summary>What one slot's clearing produced.</summary>
internal sealed record FlexSlotOutcome(
    FlexClearingStatus Status,
    int Rounds,
    IReadOnlyList<(FlexCandidate Candidate, double Activation)> Activations,
    IReadOnlyList<FlexBusPrice> Prices,
    IReadOnlyList<FlexLimitDual> BindingLimits,
    FlexAcSlot Before,
    FlexAcSlot After,
    IReadOnlyList<string> Notes);
