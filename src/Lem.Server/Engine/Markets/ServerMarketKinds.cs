using Lem.Server.Engine.Markets.CallAuction;
using Lem.Server.Engine.Markets.Continuous;
using Lem.Server.Engine.Markets.Flexibility;
using Lem.Markets.Clearing;
using Lem.Server.Engine.Markets.Scenario;

namespace Lem.Server.Engine.Markets;

/// <summary>
/// The registry of market kinds by mechanism name, in registration order (the order the API lists them in). The server
/// finds a market's kind here and nowhere else; a new kind plugs in by registering it (see <see cref="ServerOptions.MarketKinds"/>).
/// </summary>
internal sealed class ServerMarketKinds
{
    private readonly List<IServerMarketKind> _kinds = [];
    private readonly Dictionary<string, IServerMarketKind> _byMechanism = new(StringComparer.Ordinal);

    /// <summary>
    /// The built-in kinds: <c>continuous</c>, <c>call_auction</c> (with sealed bids on request) and a scenario market for
    /// every clearing mechanism registered in <see cref="ClearingMechanisms"/> (<c>pool</c>, <c>p2p</c>, …) at the time of the call.
    /// </summary>
    public static ServerMarketKinds BuiltIn()
    {
        var kinds = new ServerMarketKinds().Register(new ContinuousMarketKind()).Register(new CallAuctionMarketKind());
        foreach (var name in ClearingMechanisms.Names)
        {
            kinds.Register(new ScenarioMarketKind(name));
        }

        return kinds.Register(new FlexibilityMarketKind());
    }

    /// <summary>The kinds in registration order.</summary>
    public IReadOnlyList<IServerMarketKind> All => _kinds;

    /// <summary>The mechanism names in registration order.</summary>
    public string[] Names => [.. _kinds.Select(k => k.Mechanism)];

    /// <summary>Adds a kind; its mechanism name must be new.</summary>
    public ServerMarketKinds Register(IServerMarketKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!_byMechanism.TryAdd(kind.Mechanism, kind))
        {
            throw new ArgumentException($"A market kind '{kind.Mechanism}' is registered already.", nameof(kind));
        }

        _kinds.Add(kind);
        return this;
    }

    /// <summary>The kind of a mechanism name, or null.</summary>
    public IServerMarketKind? Find(string mechanism) => _byMechanism.GetValueOrDefault(mechanism);
}
