using System.Diagnostics;
using Lem.Domain.Markets;
using Lem.Domain.Time;
using Lem.Markets.Distributed;

namespace Lem.Markets.Exchange;

/// <summary>A supervisor clears a pooled exchange by exchange ADMM (docs/mechanisms/admm.md).</summary>
public sealed class ExchangeMechanism : AdmmMechanism
{
    /// <inheritdoc />
    public override string Name => "exchange";

    /// <inheritdoc />
    public override string Description => "A supervisor clears a pooled exchange by exchange ADMM";

    /// <inheritdoc />
    public override DistributedMechanism Kind => DistributedMechanism.Exchange;

    /// <inheritdoc />
    protected override DistributedResult Solve(List<IAgent> agents, OutsideMarket market, Horizon horizon, DistributedOptions options, Stopwatch clock)
    {
        var slots = horizon.Count;
        var hours = horizon.SlotHours;
            agents.Add(LocalAgent.OutsideMarket(options.OutsideMarketId, market, horizon));
            var r = ExchangeAdmm.Run(agents, slots, options.Admm);
            var outsideX = r.Injections[^1];
            return new DistributedResult
            {
                Mechanism = DistributedMechanism.Exchange,
                Diagnostics = r.Diagnostics,
                WallSeconds = clock.Elapsed.TotalSeconds,
                PricesEurPerMwh = r.PricesEurPerMwh,
                Trades = [],
                Positions = [.. r.AgentIds.Select((id, i) => new DistributedPosition(id, r.Injections[i]))],
                ImportKw = [.. outsideX.Select(v => Math.Max(v, 0.0))],
                ExportKw = [.. outsideX.Select(v => Math.Max(-v, 0.0))],
                WelfareEur = AdmmMechanism.Welfare(r.TotalCostEur),
            };
    }
}
