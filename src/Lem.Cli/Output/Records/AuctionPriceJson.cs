namespace Lem.Cli.Output.Records;

/// <summary>One slot's prices in the auction's <c>clearing_price</c> list (EUR/MWh, rounded to 1e-9; null without a price).</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Label">The slot's label.</param>
/// <param name="PriceEurPerMwh">The buyers' price (<c>price</c>).</param>
/// <param name="SellerPriceEurPerMwh">The sellers' price (<c>seller_price</c>).</param>
public sealed record AuctionPriceJson(
    int Slot,
    string Label,
    [property: JsonPropertyName("price")] double? PriceEurPerMwh,
    [property: JsonPropertyName("seller_price")] double? SellerPriceEurPerMwh);
