namespace Lem.Markets.Auctions;

/// <summary>The outcome of a call auction in one delivery slot.</summary>
/// <param name="Slot">The slot index.</param>
/// <param name="Label">The slot's display label (its index or its start time).</param>
/// <param name="ClearingPriceEurPerMwh">The uniform price buyers pay in EUR/MWh; null when nothing trades, and for pay-as-bid (no single price).</param>
/// <param name="SellerPriceEurPerMwh">
/// The uniform price sellers receive in EUR/MWh: the clearing price, except in McAfee's trade-reduction case where
/// sellers receive s_(K); null when nothing trades and for pay-as-bid.
/// </param>
/// <param name="PriceLowEurPerMwh">The lower end p_low of the market-clearing price interval in EUR/MWh; null when unbounded.</param>
/// <param name="PriceHighEurPerMwh">The upper end p_high of the market-clearing price interval in EUR/MWh; null when unbounded.</param>
/// <param name="EfficientVolumeKwh">The efficient (welfare-maximising, largest) volume in kWh.</param>
/// <param name="TradedVolumeKwh">The volume actually traded in kWh (less than the efficient volume after McAfee's trade reduction).</param>
/// <param name="Trades">The trades of the slot.</param>
/// <param name="WelfareEur">Σ (bid − ask) × quantity over the trades, in EUR: buyers' value minus sellers' cost of traded energy.</param>
/// <param name="SurplusEur">Σ (buyer's price − seller's price) × quantity, in EUR: what the operator keeps (its budget surplus).</param>
/// <param name="Notes">How the slot was decided, in sentences (interval, K, McAfee's p0 and case, ties split).</param>
public sealed record AuctionSlotResult(
    int Slot,
    string Label,
    double? ClearingPriceEurPerMwh,
    double? SellerPriceEurPerMwh,
    double? PriceLowEurPerMwh,
    double? PriceHighEurPerMwh,
    double EfficientVolumeKwh,
    double TradedVolumeKwh,
    IReadOnlyList<AuctionTrade> Trades,
    decimal WelfareEur,
    decimal SurplusEur,
    IReadOnlyList<string> Notes);
