namespace Lem.Settlement.Invoices.Json;

/// <summary>One slot of the budget, EUR without trailing zeros.</summary>
/// <param name="Slot">The slot index.</param>
/// <param name="Start">The slot's local start with offset.</param>
/// <param name="EnergyEur">Net energy payments of the participants.</param>
/// <param name="ImbalanceEur">Net imbalance payments of the participants.</param>
/// <param name="OutsideMarketEur">Paid to the outside market.</param>
/// <param name="ImbalanceOutsideEur">Imbalance paid outside.</param>
/// <param name="ResidualEur">The operator's residual.</param>
public sealed record BudgetSlotJson(int Slot, string Start, decimal EnergyEur, decimal ImbalanceEur, decimal OutsideMarketEur, decimal ImbalanceOutsideEur, decimal ResidualEur);
