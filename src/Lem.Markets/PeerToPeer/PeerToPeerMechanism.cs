namespace Lem.Markets.PeerToPeer;

/// <summary>Peers trade bilaterally by consensus ADMM with product differentiation (docs/mechanisms/admm.md).</summary>
public sealed class PeerToPeerMechanism() : AdmmMechanism("p2p", "Peers trade bilaterally by consensus ADMM with product differentiation", DistributedMechanism.P2p)
{
    /// <inheritdoc />
    public override ClearingCapabilities Capabilities { get; } = AdmmCapabilities with { BilateralTrades = true, TradingPartners = true, NetworkCharges = true };

    /// <inheritdoc />
    protected override bool PricesPreferences => true;

    /// <inheritdoc />
    protected override NetworkChargesTable? Charges(MarketInput market, DistributedOptions options) =>
        options.NetworkCharges is { } policy ? NetworkCharges.Build(market, policy, options.OutsideMarketId) : null;

    /// <inheritdoc />
    protected override DistributedResult Solve(List<IAgent> agents, OutsideMarket market, Horizon horizon, DistributedOptions options, Stopwatch clock)
    {
        var slots = horizon.Count;
        agents.Add(OutsideAgent(options, market, horizon));
        var graph = Graph(agents.Count, options.PartnersPerAgent ?? (agents.Count - 1 <= DistributedOptions.CompleteGraphUpTo ? null : DistributedOptions.AutomaticPartners));
        // With the grid agent (docs/mechanisms/admm.md#p2p-with-the-grid-agent): the outside market is at the connection bus and supplies the grid's draw.
        var coupling = options.Coupling is { } grid ? new GridConsensus(grid.Agent, [.. grid.AgentBus, grid.ConnectionBus], agents.Count - 1, slots, grid.Endpoint) : null;
        var r = PeerToPeerAdmm.Run(agents, graph, slots, StartingAtOutsidePrices(options.P2pAdmm, market, slots), coupling);
        var prices = new double[slots];
        for (var t = 0; t < slots; t++)
        {
            var inSlot = r.Trades.Where(x => x.Slot == t).ToList();
            var volume = inSlot.Sum(x => x.Quantity);
            prices[t] = volume > 0 ? inSlot.Sum(x => x.Quantity * x.PriceEurPerMwh) / volume : double.NaN;
        }

        var hours = horizon.SlotHours;
        IReadOnlyList<DistributedTrade> trades = [.. r.Trades.Select(x => new DistributedTrade(x.BuyerId, x.SellerId, x.Slot, x.Quantity * hours, x.PriceEurPerMwh))];
        if (options.Coupling is { } coupled && r.BusPricesEurPerMwh is { } dlmps)
        {
            var (import, export) = SplitOutsideTrade(r.Injections[^1]);
            return GridResult(r, dlmps, coupled, clock, import, export, trades);
        }

        return ResultWithOutsideAgent(r, clock, prices, trades);
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
