using Lem.Markets.Auctions;

namespace Lem.Simulation.Intraday;

/// <summary>
/// An intraday call auction: one uniform-price double auction per slot over all intraday orders
/// (docs/mechanisms/auctions.md, <see cref="UniformPriceAuction"/> with its defaults).
/// </summary>
public sealed class AuctionIntraday : IIntradayMarket
{
    /// <inheritdoc />
    public string Name => "auction";

    /// <inheritdoc />
    public string Description => "A uniform-price call auction per slot over the agents' intraday orders";

    /// <inheritdoc />
    public IntradayOutcome Trade(IReadOnlyList<Order> orders, Horizon horizon, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(horizon);
        if (orders.Count == 0)
        {
            return IntradayOutcome.Empty;
        }

        var result = new UniformPriceAuction().Clear(new AuctionBook(orders.Select((o, i) => new AuctionOrder(o, null, i))));
        var ledger = new IntradayLedger(horizon);
        foreach (var t in result.Trades)
        {
            ledger.Add(t.Buyer, t.Seller, t.Slot, t.QuantityKwh, t.BuyerPriceEurPerMwh);
        }

        return ledger.ToOutcome();
    }
}
