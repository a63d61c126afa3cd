namespace Lem.Cli.Output.Records;

/// <summary>One trade of <c>lem auction</c>'s JSON.</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Buyer">The buyer.</param>
/// <param name="Seller">The seller.</param>
/// <param name="BuyOrder">The buy order's id.</param>
/// <param name="SellOrder">The sell order's id.</param>
/// <param name="QuantityKwh">The quantity, kWh, rounded to 1e-9 (<c>quantity</c>).</param>
/// <param name="PriceEurPerMwh">The buyer's price, EUR/MWh, rounded to 1e-9 (<c>price</c>).</param>
/// <param name="SellerPriceEurPerMwh">The seller's price, EUR/MWh, rounded to 1e-9 (<c>seller_price</c>).</param>
/// <param name="BidEurPerMwh">The buy order's limit, EUR/MWh (<c>bid</c>).</param>
/// <param name="AskEurPerMwh">The sell order's limit, EUR/MWh (<c>ask</c>).</param>
public sealed record AuctionTradeJson(
    int Slot,
    string Buyer, string Seller,
    string BuyOrder, string SellOrder,
    [property: JsonPropertyName("quantity")] double QuantityKwh,
    [property: JsonPropertyName("price")] double PriceEurPerMwh,
    [property: JsonPropertyName("seller_price")] double SellerPriceEurPerMwh,
    [property: JsonPropertyName("bid")] double BidEurPerMwh,
    [property: JsonPropertyName("ask")] double AskEurPerMwh);
