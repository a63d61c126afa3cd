using System.Collections.Concurrent;
using Lem.Markets.Auctions;
using Lem.Markets.Community;
using Lem.Markets.Exchange;
using Lem.Markets.PeerToPeer;
using Lem.Markets.Stochastic;

namespace Lem.Markets.Clearing;

/// <summary>
/// The registry of clearing mechanisms by name. Lem's own mechanisms are registered here once; anything else (a
/// research mechanism, a test's toy) registers itself with <see cref="Register"/> and is then found by
/// <c>lem run --mechanism NAME</c> and by the server's scenario markets. Nothing else names mechanisms.
/// </summary>
public static class ClearingMechanisms
{
    private static readonly ConcurrentDictionary<string, IClearingMechanism> ByName = new(StringComparer.Ordinal);
    private static readonly List<string> Order = [];

    static ClearingMechanisms()
    {
        Register(new PoolMechanism());
        Register(new PeerToPeerMechanism());
        Register(new CommunityMechanism());
        Register(new ExchangeMechanism());
        Register(new StochasticPoolMechanism());
        foreach (var auction in CallAuctions.All)
        {
            Register(new CallAuctionMechanism(auction));
        }

        Register(new Continuous.ContinuousMechanism());
    }

    /// <summary>The registered names, in order of registration.</summary>
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

    /// <summary>Registers a mechanism; registering the same instance again does nothing.</summary>
    /// <exception cref="ArgumentException">When another mechanism already has the name, or the name is empty.</exception>
    public static void Register(IClearingMechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentException.ThrowIfNullOrWhiteSpace(mechanism.Name);
        lock (Order)
        {
            var existing = ByName.GetOrAdd(mechanism.Name, mechanism);
            if (ReferenceEquals(existing, mechanism))
            {
                if (!Order.Contains(mechanism.Name))
                {
                    Order.Add(mechanism.Name);
                }

                return;
            }

            if (existing.GetType() != mechanism.GetType())
            {
                throw new ArgumentException($"A clearing mechanism named '{mechanism.Name}' is already registered ({existing.GetType().Name}).", nameof(mechanism));
            }
        }
    }

    /// <summary>The mechanism registered under <paramref name="name"/>.</summary>
    public static bool TryGet(string name, out IClearingMechanism mechanism) => ByName.TryGetValue(name, out mechanism!);

    /// <summary>The mechanism registered under <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">When no mechanism has that name.</exception>
    public static IClearingMechanism Get(string name) =>
        TryGet(name, out var m) ? m : throw new KeyNotFoundException($"No clearing mechanism is registered as '{name}'; known: {string.Join(", ", Names)}.");
}
