namespace Lem.Settlement.Billing;

/// <summary>
/// The slot-wise part of the budget identity, exact (unrounded) EUR: what participants pay for energy and imbalance in
/// the slot equals what the operator pays the outside market for the scheduled exchange and the community's imbalance,
/// plus the operator's residual. Tariffs, taxes and fees are passed through unchanged and are not repeated here.
/// </summary>
/// <param name="Slot">The slot index.</param>
/// <param name="EnergyEur">Σ over participants of the energy amounts (positive paid to the operator).</param>
/// <param name="ImbalanceEur">Σ over participants of the imbalance amounts.</param>
/// <param name="OutsideMarketEur">What the operator pays the outside counterparty for the scheduled import, minus what it receives for the export.</param>
/// <param name="ImbalanceOutsideEur">What the operator pays for the community's net imbalance at the reference price.</param>
/// <param name="ResidualEur">The operator's residual: merchandising surplus plus imbalance spread.</param>
public sealed record BudgetSlot(int Slot, decimal EnergyEur, decimal ImbalanceEur, decimal OutsideMarketEur, decimal ImbalanceOutsideEur, decimal ResidualEur);
