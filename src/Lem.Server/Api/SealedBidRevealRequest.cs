namespace Lem.Server.Api;

/// <summary>The body of <c>POST /v1/markets/{marketId}/reveals</c>: the committed bid and its salt, between gate closure and the reveal deadline.</summary>
/// <param name="ClientBidId">The id the bid was committed under.</param>
/// <param name="Side"><c>buy</c> or <c>sell</c>.</param>
/// <param name="PriceEurPerMwh">The limit price, a whole number of ticks within the market's band.</param>
/// <param name="QuantityKwh">The quantity, a positive whole number of kWh.</param>
/// <param name="SaltHex">The salt in hex, at least 16 bytes.</param>
internal sealed record SealedBidRevealRequest(string ClientBidId, string Side, decimal PriceEurPerMwh, decimal QuantityKwh, string SaltHex);
