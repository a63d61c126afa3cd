namespace Lem.Cli.Output.Records;

/// <summary>The auction's <c>parameters</c>: only the ones of its mechanism are written (the others are null and left out).</summary>
/// <param name="PriceRule">Uniform price: k-double or marginal.</param>
/// <param name="K">Uniform price: the k of the k-double auction.</param>
/// <param name="LotKwh">McAfee: the unit size, kWh.</param>
/// <param name="PaymentRule">Pay-as-bid: who pays what.</param>
public sealed record AuctionParametersJson(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PriceRule = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? K = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LotKwh = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PaymentRule = null);
