namespace Lem.Markets.Community;

/// <summary>A community manager clears the members against the outside market by ADMM (docs/mechanisms/admm.md).</summary>
public sealed class CommunityMechanism() : AdmmMechanism("community", "A community manager clears the members against the outside market by ADMM", DistributedMechanism.Community)
{
    /// <inheritdoc />
    protected override DistributedResult Solve(List<IAgent> agents, OutsideMarket market, Horizon horizon, DistributedOptions options, Stopwatch clock)
    {
        var outside = new CommunityOutside(
            market.WholesaleImportEurPerMwh.Values,
            market.WholesaleExportEurPerMwh.Values,
            market.ImportLimit?.Kw ?? double.PositiveInfinity,
            market.ExportLimit?.Kw ?? double.PositiveInfinity,
            horizon.SlotHours / 1000.0);
        if (options.Coupling is { } grid)
        {
            // With the grid agent (docs/mechanisms/admm.md#the-grid-agent): the manager's outside trade is at the connection bus.
            var g = GridSharing.Run(agents, grid.AgentBus, grid.Agent, horizon.Count, StartingAtOutsidePrices(options.Admm, market, horizon.Count), CommunityManager.Signal, CommunityManager.Position, CommunityManager.OutsideCost(outside, horizon.Count), grid.ConnectionBus, grid.Endpoint);
            var (import, export) = SplitOutsideTrade(g.OwnPositionKw!);
            return GridResult(g, g.BusPricesEurPerMwh, grid, clock, import, export);
        }

        var r = CommunityManager.Run(agents, outside, horizon.Count, StartingAtOutsidePrices(options.Admm, market, horizon.Count));
        return Result(r, clock, r.PricesEurPerMwh, r.Imports, r.Exports);
    }
}
