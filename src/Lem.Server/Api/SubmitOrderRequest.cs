namespace Lem.Server.Api;

/// <summary>The body of <c>POST /v1/markets/{marketId}/orders</c>.</summary>
/// <param name="ClientOrderId">Your id for the order; a retry with the same id and fields gets the same answer.</param>
/// <param name="Slot">The delivery slot (from 0).</param>
/// <param name="Side"><c>buy</c> or <c>sell</c>.</param>
/// <param name="PriceEurPerMwh">The limit price, a whole number of ticks within the market's band.</param>
/// <param name="QuantityKwh">The quantity, a positive whole number of kWh.</param>
internal sealed record SubmitOrderRequest(string ClientOrderId, int Slot, string Side, decimal PriceEurPerMwh, decimal QuantityKwh);
