namespace Lem.Settlement.Invoices.Json;

/// <summary>One slot of an invoice document (quantities and amounts without trailing zeros).</summary>
/// <param name="Slot">The slot index.</param>
/// <param name="Start">The slot's local start with offset.</param>
/// <param name="ScheduledKwh">The scheduled net withdrawal, kWh.</param>
/// <param name="MeteredKwh">The metered net withdrawal, kWh, or null.</param>
/// <param name="PriceEurPerMwh">The energy price, EUR/MWh.</param>
/// <param name="EnergyEur">The energy amount, EUR.</param>
/// <param name="ImbalanceEur">The imbalance amount, EUR.</param>
public sealed record InvoiceSlotJson(int Slot, string Start, decimal ScheduledKwh, decimal? MeteredKwh, decimal PriceEurPerMwh, decimal EnergyEur, decimal ImbalanceEur);
