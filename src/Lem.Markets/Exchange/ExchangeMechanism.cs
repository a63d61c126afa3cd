namespace Lem.Markets.Exchange;

/// <summary>A supervisor clears a pooled exchange by exchange ADMM (docs/mechanisms/admm.md).</summary>
public sealed class ExchangeMechanism() : AdmmMechanism("exchange", "A supervisor clears a pooled exchange by exchange ADMM", DistributedMechanism.Exchange)
{
    /// <inheritdoc />
    protected override DistributedResult Solve(List<IAgent> agents, OutsideMarket market, Horizon horizon, DistributedOptions options, Stopwatch clock)
    {
        if (options.Coupling is { } grid)
        {
            agents.Add(OutsideAgent(options, market, horizon));
            // With the grid agent (docs/mechanisms/admm.md#the-grid-agent): the outside market trades at the connection bus.
            var g = GridSharing.Run(agents, [.. grid.AgentBus, grid.ConnectionBus], grid.Agent, horizon.Count, StartingAtOutsidePrices(options.Admm, market, horizon.Count), (k, rho, mean, u) => new ExchangeSignal(k, rho, mean, u), ExchangeAdmm.Injection, null, 0, grid.Endpoint);
            var (import, export) = SplitOutsideTrade(g.Injections[^1]);
            return GridResult(g, g.BusPricesEurPerMwh, grid, clock, import, export);
        }

        // Without the grid the supervisor trades with the outside market itself (public prices and limits): the sharing
        // form's z-step, whose iterations do not grow with the number of agents (docs/mechanisms/admm.md#the-coordinators-own-term).
        var r = ExchangeAdmm.Run(agents, horizon.Count, StartingAtOutsidePrices(options.Admm, market, horizon.Count), SeparableCost.Outside(market, horizon.Count, horizon.SlotHours), options.OutsideMarketId);
        return ResultWithOutsideAgent(r, clock, r.PricesEurPerMwh);
    }
}
