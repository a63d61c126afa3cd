namespace Lem.Settlement.Invoices.Json;

/// <summary>The community summary's <c>compensation</c> (EUR with two decimals).</summary>
/// <param name="Status">The status's JSON name.</param>
/// <param name="DeficitEur">The worse-off members' deficit.</param>
/// <param name="GainEur">The community's gain available for compensation.</param>
/// <param name="Transfers">The transfers.</param>
public sealed record CompensationJson(string Status, decimal DeficitEur, decimal GainEur, IReadOnlyList<CompensationTransferJson> Transfers);
