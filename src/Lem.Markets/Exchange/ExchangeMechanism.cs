using System.Diagnostics;
using Lem.Domain.Markets;
using Lem.Markets.Distributed;

namespace Lem.Markets.Exchange;

/// <summary>A supervisor clears a pooled exchange by exchange ADMM (docs/mechanisms/admm.md).</summary>
public sealed class ExchangeMechanism() : AdmmMechanism(
    "exchange",
    "A supervisor clears a pooled exchange by exchange ADMM",
    DistributedMechanism.Exchange)
{
    /// <inheritdoc />
    protected override DistributedResult Solve(List<IAgent> agents, OutsideMarket market, Horizon horizon, DistributedOptions options, Stopwatch clock)
    {
        agents.Add(LocalAgent.OutsideMarket(options.OutsideMarketId, market, horizon));
        var r = ExchangeAdmm.Run(agents, horizon.Count, StartingAtOutsidePrices(options.Admm, market, horizon.Count));
        return ResultWithOutsideAgent(r, clock, r.PricesEurPerMwh);
    }
}
