using Lem.Markets.OrderBook;

namespace Lem.Server.Engine;

/// <summary>A market's live state: its books (continuous) or collected orders (call auction), trades and gate closures per slot.</summary>
internal sealed class MarketRuntime
{
    /// <summary>Creates the runtime of a market.</summary>
    public MarketRuntime(MarketSpec spec, ContinuousMarket? books)
    {
        Spec = spec;
        Books = books;
    }

    /// <summary>The market as created.</summary>
    public MarketSpec Spec { get; }

    /// <summary>The order books of a continuous market; null for a call auction.</summary>
    public ContinuousMarket? Books { get; }

    /// <summary>The orders submitted per slot, in order of submission.</summary>
    public Dictionary<int, List<ServerOrder>> OrdersBySlot { get; } = [];

    /// <summary>The trades per slot, in trade order.</summary>
    public Dictionary<int, List<ServerTrade>> TradesBySlot { get; } = [];

    /// <summary>The gate closures that have run, per slot.</summary>
    public Dictionary<int, GateClosureRecord> Closures { get; } = [];

    /// <summary>The orders of a slot (created on first use).</summary>
    public List<ServerOrder> Orders(int slot)
    {
        if (!OrdersBySlot.TryGetValue(slot, out var list))
        {
            list = [];
            OrdersBySlot.Add(slot, list);
        }

        return list;
    }

    /// <summary>The trades of a slot (created on first use).</summary>
    public List<ServerTrade> Trades(int slot)
    {
        if (!TradesBySlot.TryGetValue(slot, out var list))
        {
            list = [];
            TradesBySlot.Add(slot, list);
        }

        return list;
    }
}
