using System.Diagnostics;
using Lem.Domain.Markets;
using Lem.Domain.Time;
using Lem.Markets.Distributed;

namespace Lem.Markets.Community;

/// <summary>A community manager clears the members against the outside market by ADMM (docs/mechanisms/admm.md).</summary>
public sealed class CommunityMechanism : AdmmMechanism
{
    /// <inheritdoc />
    public override string Name => "community";

    /// <inheritdoc />
    public override string Description => "A community manager clears the members against the outside market by ADMM";

    /// <inheritdoc />
    public override DistributedMechanism Kind => DistributedMechanism.Community;

    /// <inheritdoc />
    protected override DistributedResult Solve(List<IAgent> agents, OutsideMarket market, Horizon horizon, DistributedOptions options, Stopwatch clock)
    {
        var slots = horizon.Count;
        var hours = horizon.SlotHours;
            var outside = new CommunityOutside(
                market.WholesaleImportEurPerMwh.Values,
                market.WholesaleExportEurPerMwh.Values,
                market.ImportLimit?.Kw ?? double.PositiveInfinity,
                market.ExportLimit?.Kw ?? double.PositiveInfinity,
                hours / 1000.0);
            var r = CommunityManager.Run(agents, outside, slots, options.Admm);
            return new DistributedResult
            {
                Mechanism = DistributedMechanism.Community,
                Diagnostics = r.Diagnostics,
                WallSeconds = clock.Elapsed.TotalSeconds,
                PricesEurPerMwh = r.PricesEurPerMwh,
                Trades = [],
                Positions = [.. r.MemberIds.Select((id, i) => new DistributedPosition(id, r.Positions[i]))],
                ImportKw = r.Imports,
                ExportKw = r.Exports,
                WelfareEur = AdmmMechanism.Welfare(r.TotalCostEur),
            };
    }
}
