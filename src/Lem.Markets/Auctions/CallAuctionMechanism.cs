namespace Lem.Markets.Auctions;

/// <summary>
/// A call auction as a clearing mechanism (docs/mechanisms/auctions.md): the participants' explicit orders are cleared
/// slot by slot; each participant's position is its traded energy, settled at its own trade prices (buyers at the
/// buyer price, sellers at the seller price, so a pay-as-bid or McAfee surplus stays with the operator). Assets imply
/// no orders here: use the pool for them.
/// </summary>
public sealed class CallAuctionMechanism(ICallAuction auction) : IClearingMechanism
{
    /// <summary>The auction.</summary>
    public ICallAuction Auction { get; } = auction ?? throw new ArgumentNullException(nameof(auction));

    /// <inheritdoc />
    public string Name => Auction.Name;

    /// <inheritdoc />
    public string Description => $"Call auction per slot ({Auction.Name}) over the participants' explicit orders";

    /// <inheritdoc />
    public ClearingCapabilities Capabilities { get; } = new() { BilateralTrades = true, BidLimits = true };

    /// <inheritdoc />
    public IReadOnlyList<ValidationError> Check(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TradePositions.CheckOrdersOnly(request, $"{Name} auction");
    }

    /// <inheritdoc />
    public ClearingResult Clear(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Bid limits cut the capped participants' orders (docs/mechanisms/redispatch.md#bid-limits).
        var market = BidLimitTrimming.Apply(request.Market);
        var slots = market.Horizon.Count;
        var orders = market.Participants.SelectMany(p => p.Orders).Select((o, i) => new AuctionOrder(o, null, i));
        var result = Auction.Clear(new AuctionBook(orders));
        var prices = new IReadOnlyList<double>[slots];
        for (var t = 0; t < slots; t++)
        {
            prices[t] = [];
        }

        foreach (var s in result.Slots.Where(s => s.Slot < slots))
        {
            prices[s.Slot] = s.ClearingPriceEurPerMwh is { } p ? [p] : [];
        }

        var fills = result.Trades.Select(t => new TradeFill(t.Seller, t.Buyer, t.Slot, t.QuantityKwh, t.SellerPriceEurPerMwh, t.BuyerPriceEurPerMwh));
        var trades = result.Trades.Select(t => new ClearingTrade(t.Buyer.Value, t.Seller.Value, t.Slot, t.QuantityKwh, t.BuyerPriceEurPerMwh)).ToList();
        var orderFills = result.Trades
            .SelectMany(t => new[] { (Order: t.BuyOrder.Value, t.QuantityKwh), (Order: t.SellOrder.Value, t.QuantityKwh) })
            .GroupBy(x => x.Order, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.QuantityKwh), StringComparer.Ordinal);
        return TradePositions.Result(Name, market, prices, fills, trades, result.WelfareEur, orderFills, result.Warnings, clock.Elapsed.TotalSeconds, bilateral: false);
    }
}
