using System.Collections.Concurrent;

namespace Lem.Simulation.Intraday;

/// <summary>The registry of intraday stages by name (none, continuous, auction).</summary>
public static class IntradayMarkets
{
    private static readonly ConcurrentDictionary<string, IIntradayMarket> ByName = new(StringComparer.Ordinal);
    private static readonly List<string> Order = [];

    static IntradayMarkets()
    {
        Register(new NoIntraday());
        Register(new ContinuousIntraday());
        Register(new AuctionIntraday());
    }

    /// <summary>The registered names in registration order.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Order)
            {
                return [.. Order];
            }
        }
    }

    /// <summary>Registers <paramref name="market"/> (a second registration of a name is ignored).</summary>
    public static void Register(IIntradayMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        lock (Order)
        {
            if (ByName.TryAdd(market.Name, market))
            {
                Order.Add(market.Name);
            }
        }
    }

    /// <summary>The intraday stage registered as <paramref name="name"/>, or false.</summary>
    public static bool TryGet(string name, out IIntradayMarket market) => ByName.TryGetValue(name, out market!);
}
