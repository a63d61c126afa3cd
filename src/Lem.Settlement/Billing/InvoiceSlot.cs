namespace Lem.Settlement.Billing;

/// <summary>A participant's energy in one slot, for auditing an invoice.</summary>
/// <param name="Slot">The slot index.</param>
/// <param name="ScheduledKwh">The cleared net energy, kWh (injection positive).</param>
/// <param name="MeteredKwh">The metered net energy, kWh, or null when the slot was not metered.</param>
/// <param name="PriceEurPerMwh">The price the net position is settled at, EUR/MWh.</param>
/// <param name="EnergyEur">The exact energy amount of the slot (positive owed), EUR.</param>
/// <param name="ImbalanceEur">The exact imbalance amount of the slot (positive owed), EUR.</param>
public sealed record InvoiceSlot(int Slot, decimal ScheduledKwh, decimal? MeteredKwh, decimal PriceEurPerMwh, decimal EnergyEur, decimal ImbalanceEur);
