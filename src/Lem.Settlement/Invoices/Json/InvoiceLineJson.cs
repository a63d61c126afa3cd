namespace Lem.Settlement.Invoices.Json;

/// <summary>One line of an invoice document.</summary>
/// <param name="Category">The category's JSON name.</param>
/// <param name="Code">The line's dotted code.</param>
/// <param name="Description">A readable description.</param>
/// <param name="Quantity">The billed quantity without trailing zeros, or null.</param>
/// <param name="Unit">The quantity's unit, or null.</param>
/// <param name="UnitPriceEur">The price per unit without trailing zeros, or null.</param>
/// <param name="AmountEur">The amount billed, EUR with two decimals.</param>
/// <param name="ExactAmountEur">The amount before rounding without trailing zeros.</param>
public sealed record InvoiceLineJson(string Category, string Code, string Description, decimal? Quantity, string? Unit, decimal? UnitPriceEur, decimal AmountEur, decimal ExactAmountEur);
