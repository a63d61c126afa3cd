using System.Diagnostics;
using Lem.Domain.Markets;
using Lem.Domain.Time;
using Lem.Markets.Distributed;
using Lem.Markets.Clearing;

namespace Lem.Markets.PeerToPeer;

/// <summary>Peers trade bilaterally by consensus ADMM with product differentiation (docs/mechanisms/admm.md).</summary>
public sealed class PeerToPeerMechanism : AdmmMechanism
{
    /// <inheritdoc />
    public override string Name => "p2p";

    /// <inheritdoc />
    public override string Description => "Peers trade bilaterally by consensus ADMM with product differentiation";

    /// <inheritdoc />
    public override DistributedMechanism Kind => DistributedMechanism.P2p;

    /// <inheritdoc />
    public override ClearingCapabilities Capabilities { get; } = new()
    {
        MultiPeriodAssets = true,
        BilateralTrades = true,
        Private = true,
        Iterative = true,
        TradingPartners = true,
        NetworkCharges = true,
    };

    /// <inheritdoc />
    protected override NetworkChargesTable? Charges(MarketInput market, DistributedOptions options) =>
        options.NetworkCharges is { } policy ? NetworkCharges.Build(market, policy, options.OutsideMarketId) : null;

    /// <inheritdoc />
    protected override DistributedResult Solve(List<IAgent> agents, OutsideMarket market, Horizon horizon, DistributedOptions options, Stopwatch clock)
    {
        var slots = horizon.Count;
        var hours = horizon.SlotHours;
            agents.Add(LocalAgent.OutsideMarket(options.OutsideMarketId, market, horizon));
            var graph = Graph(agents.Count, options.PartnersPerAgent ?? (agents.Count - 1 <= DistributedOptions.CompleteGraphUpTo ? null : DistributedOptions.AutomaticPartners));
            var r = PeerToPeerAdmm.Run(agents, graph, slots, options.P2pAdmm);
            var outsideX = r.Injections[^1];
            var prices = new double[slots];
            for (var t = 0; t < slots; t++)
            {
                var inSlot = r.Trades.Where(x => x.Slot == t).ToList();
                var volume = inSlot.Sum(x => x.Quantity);
                prices[t] = volume > 0 ? inSlot.Sum(x => x.Quantity * x.PriceEurPerMwh) / volume : double.NaN;
            }

            return new DistributedResult
            {
                Mechanism = DistributedMechanism.P2p,
                Diagnostics = r.Diagnostics,
                WallSeconds = clock.Elapsed.TotalSeconds,
                PricesEurPerMwh = prices,
                Trades = [.. r.Trades.Select(x => new DistributedTrade(x.BuyerId, x.SellerId, x.Slot, x.Quantity * hours, x.PriceEurPerMwh))],
                Positions = [.. r.AgentIds.Select((id, i) => new DistributedPosition(id, r.Injections[i]))],
                ImportKw = [.. outsideX.Select(v => Math.Max(v, 0.0))],
                ExportKw = [.. outsideX.Select(v => Math.Max(-v, 0.0))],
                WelfareEur = AdmmMechanism.Welfare(r.TotalCostEur),
            };
    }

    /// <summary>The P2P graph: complete, or a ring of <paramref name="partners"/> neighbours plus everyone with the outside market (the last agent).</summary>
    private static CommunicationGraph Graph(int agents, int? partners)
    {
        if (partners is not { } k || k >= agents - 2)
        {
            return CommunicationGraph.Complete(agents);
        }

        if (k < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(partners), partners, "The number of partners must be non-negative.");
        }

        var members = agents - 1;
        var pairs = new List<(int, int)>();
        for (var i = 0; i < members; i++)
        {
            pairs.Add((i, members));
            for (var d = 1; d <= (k + 1) / 2; d++)
            {
                pairs.Add((i, (i + d) % members));
            }
        }

        return CommunicationGraph.FromPairs(agents, pairs.Where(p => p.Item1 != p.Item2));
    }

}
