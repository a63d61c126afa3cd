using static Lem.Markets.Auctions.AuctionMath;

namespace Lem.Markets.Auctions;

/// <summary>
/// The pay-as-bid (discriminatory) double auction: the same efficient volume as the uniform-price auction, matched in
/// merit order (highest bids with lowest asks); each buyer pays its own bid and each seller receives its own ask, and the
/// spread of every pair goes to the operator, so the operator surplus equals the welfare and is never negative.
/// </summary>
public sealed record PayAsBidAuction : ICallAuction
{
    /// <inheritdoc />
    public string Name => "pay-as-bid";

    /// <inheritdoc />
    public AuctionResult Clear(AuctionBook book)
    {
        List<string> rules =
        [
            "price: pay-as-bid (discriminatory): each buyer pays the price of its own bid step, each seller receives the price of its own ask step; no single clearing price",
            "payment: the spread (bid - ask) of every matched pair goes to the operator (operator surplus = welfare >= 0)",
            "volume: the same efficient volume as the uniform-price auction; a tied marginal price level is split pro rata to the steps' quantities, rounded down to 0.001 kWh, the remainder going to the earliest orders",
        ];
        return ClearAll(book, Name, rules, ClearSlot);
    }

    private static AuctionSlotResult ClearSlot(int slot, List<SideStep> bids, List<SideStep> asks, List<string> warnings)
    {
        var a = ClearEfficient(bids, asks);
        var traded = a.VolumeKwh > EpsilonKwh;
        var trades = traded ? Pair(slot, bids, a.BidAcceptedKwh, asks, a.AskAcceptedKwh, (b, s) => (b.PriceEurPerMwh, s.PriceEurPerMwh)) : [];
        var notes = traded ? $"efficient volume {F(a.VolumeKwh)} kWh, {trades.Count} pairs at their own prices" : "no bid meets an ask: no trade";
        return SlotResult(slot, trades, Finite(a.PriceLowEurPerMwh), Finite(a.PriceHighEurPerMwh), a.VolumeKwh, [notes]);
    }
}
