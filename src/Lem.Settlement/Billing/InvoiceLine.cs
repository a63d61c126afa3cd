namespace Lem.Settlement.Billing;

/// <summary>One line of an invoice. A positive amount is owed by the participant, a negative one is credited to it.</summary>
/// <param name="Category">The group the line belongs to.</param>
/// <param name="Code">A stable dotted code, e.g. <c>grid.energy.peak</c>.</param>
/// <param name="Description">A readable description.</param>
/// <param name="Quantity">The billed quantity (negative for energy sold and long imbalance, which are credits), or null for a fixed amount.</param>
/// <param name="Unit">The unit of <paramref name="Quantity"/> (<c>kWh</c>, <c>kW</c>, <c>kW·slot</c>, <c>period</c>), or null.</param>
/// <param name="UnitPriceEur">The price per unit in EUR (for energy and imbalance the volume-weighted mean, rounded to 1e-6), or null.</param>
/// <param name="AmountEur">The amount billed, rounded to the cent half away from zero.</param>
/// <param name="ExactAmountEur">The amount before rounding.</param>
public sealed record InvoiceLine(
    InvoiceCategory Category,
    string Code,
    string Description,
    decimal? Quantity,
    string? Unit,
    decimal? UnitPriceEur,
    decimal AmountEur,
    decimal ExactAmountEur);
