namespace Lem.Settlement.Billing;

/// <summary>The outcome of the compensation rule.</summary>
/// <param name="Status">What was done.</param>
/// <param name="DeficitEur">Σ of the losses of the participants worse off than their baseline, EUR.</param>
/// <param name="GainEur">Σ of the savings of the participants better off, EUR.</param>
/// <param name="Transfers">The transfers, one per participant involved; they sum to zero.</param>
public sealed record CompensationOutcome(CompensationStatus Status, decimal DeficitEur, decimal GainEur, IReadOnlyList<CompensationTransfer> Transfers);
