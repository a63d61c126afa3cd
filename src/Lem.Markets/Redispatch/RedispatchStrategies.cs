using System.Collections.Concurrent;

namespace Lem.Markets.Redispatch;

/// <summary>The registry of redispatch strategies by name (none, iterative, bid-limits).</summary>
public static class RedispatchStrategies
{
    private static readonly ConcurrentDictionary<string, IRedispatch> ByName = new(StringComparer.Ordinal);
    private static readonly List<string> Order = [];

    static RedispatchStrategies()
    {
        // Built-in strategies register here, one line each.
        Register(new NoRedispatch());
        Register(new IterativeRedispatch());
        Register(new BidLimitsRedispatch());
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

    /// <summary>Registers <paramref name="redispatch"/> (a second registration of a name is ignored).</summary>
    public static void Register(IRedispatch redispatch)
    {
        ArgumentNullException.ThrowIfNull(redispatch);
        lock (Order)
        {
            if (ByName.TryAdd(redispatch.Name, redispatch))
            {
                Order.Add(redispatch.Name);
            }
        }
    }

    /// <summary>The strategy registered as <paramref name="name"/>, or false.</summary>
    public static bool TryGet(string name, out IRedispatch redispatch) => ByName.TryGetValue(name, out redispatch!);
}
