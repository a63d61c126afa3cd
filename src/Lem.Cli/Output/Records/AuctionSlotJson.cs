namespace Lem.Cli.Output.Records;

/// <summary>One slot of <c>lem auction</c>'s JSON (prices EUR/MWh and volumes rounded to 1e-9; null without a price).</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Label">The slot's label.</param>
/// <param name="ClearingPriceEurPerMwh">The buyers' price (<c>clearing_price</c>).</param>
/// <param name="SellerPriceEurPerMwh">The sellers' price (<c>seller_price</c>).</param>
/// <param name="PriceLowEurPerMwh">The low end of the price interval (<c>price_low</c>).</param>
/// <param name="PriceHighEurPerMwh">The high end of the price interval (<c>price_high</c>).</param>
/// <param name="EfficientVolumeKwh">The efficient volume, kWh.</param>
/// <param name="TradedVolumeKwh">The traded volume, kWh.</param>
/// <param name="Trades">Trades.</param>
/// <param name="WelfareEur">Welfare, EUR (<c>welfare</c>).</param>
/// <param name="SurplusEur">The operator's surplus, EUR (<c>surplus</c>).</param>
/// <param name="Notes">Notes on the slot.</param>
public sealed record AuctionSlotJson(
    int Slot,
    string Label,
    [property: JsonPropertyName("clearing_price")] double? ClearingPriceEurPerMwh,
    [property: JsonPropertyName("seller_price")] double? SellerPriceEurPerMwh,
    [property: JsonPropertyName("price_low")] double? PriceLowEurPerMwh,
    [property: JsonPropertyName("price_high")] double? PriceHighEurPerMwh,
    double EfficientVolumeKwh,
    double TradedVolumeKwh,
    int Trades,
    [property: JsonPropertyName("welfare")] decimal WelfareEur,
    [property: JsonPropertyName("surplus")] decimal SurplusEur,
    IReadOnlyList<string> Notes);
