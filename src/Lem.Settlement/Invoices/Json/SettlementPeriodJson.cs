namespace Lem.Settlement.Invoices.Json;

/// <summary>The <c>period</c> of an invoice or community summary.</summary>
/// <param name="Start">The first slot's local start with offset.</param>
/// <param name="End">The end of the last slot, local with offset.</param>
/// <param name="TimeZone">The IANA time zone.</param>
/// <param name="SlotCount">Slots billed.</param>
public sealed record SettlementPeriodJson(string Start, string End, string TimeZone, int SlotCount);
