namespace Lem.Server.Api;

/// <summary>The body of <c>PATCH /v1/orders/{clientOrderId}</c>.</summary>
/// <param name="PriceEurPerMwh">The new limit price.</param>
/// <param name="QuantityKwh">The new total quantity (filled plus open), above the filled quantity.</param>
internal sealed record AmendOrderRequest(decimal PriceEurPerMwh, decimal QuantityKwh);
