using Lem.Markets.Distributed;
using Lem.Markets.Pool;
using Lem.Scenarios;

namespace Lem.Settlement.Billing;

/// <summary>Turns the results of the pool and of the distributed mechanisms into a <see cref="ClearingOutcome"/>.</summary>
public static class ClearingOutcomes
{
    /// <summary>
    /// A pool result: every participant's net position at the price of its bus (the nodal price, or the one copper-plate
    /// price), and the import and export at the point of common coupling.
    /// </summary>
    /// <exception cref="ArgumentException">When the pool did not clear (its status is not optimal).</exception>
    public static ClearingOutcome FromPool(PoolResult result, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scenario);
        if (result.Status != PoolStatus.Optimal)
        {
            throw new ArgumentException($"The pool clearing of '{result.ScenarioName}' ended {result.Status}; only a cleared pool can be settled.", nameof(result));
        }

        var slots = result.Slots.Count;
        var hours = scenario.Horizon.SlotHours;
        var busIndex = new Dictionary<BusId, int>();
        for (var b = 0; b < result.BusIds.Count; b++)
        {
            busIndex[result.BusIds[b]] = b;
        }

        var positions = new List<ClearingPosition>();
        foreach (var d in result.Participants)
        {
            var b = d.Bus is { } bus && busIndex.TryGetValue(bus, out var i) ? i : 0;
            var prices = new double[slots];
            for (var t = 0; t < slots; t++)
            {
                var atBus = result.Slots[t].PricesEurPerMwh;
                prices[t] = atBus.Count > b ? atBus[b] : 0.0;
            }

            positions.Add(new ClearingPosition(d.Participant, d.NetInjectionKw, prices));
        }

        return new ClearingOutcome
        {
            Mechanism = "pool",
            SlotCount = slots,
            Positions = positions,
            ImportKw = [.. result.Slots.Select(x => x.ImportMwh * 1000.0 / hours)],
            ExportKw = [.. result.Slots.Select(x => x.ExportMwh * 1000.0 / hours)],
            WelfareEur = result.WelfareEur,
        };
    }

    /// <summary>
    /// A distributed result. Community and exchange: every member's net position at the slot's market price. P2P: the
    /// reconciled bilateral trades at their pair prices (trades with <paramref name="outsideMarketId"/> are trades with
    /// the outside market); the position price, used only for a position not covered by trades and for dual imbalance
    /// prices, is the participant's volume-weighted trade price in the slot, else the slot's mean trade price, else the
    /// wholesale import price.
    /// </summary>
    public static ClearingOutcome FromDistributed(DistributedResult result, Scenario scenario, string? outsideMarketId = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scenario);
        var outside = outsideMarketId ?? DistributedOptions.Default.OutsideMarketId;
        var slots = scenario.Horizon.Count;
        var hours = scenario.Horizon.SlotHours;
        var bilateral = result.Mechanism == DistributedMechanism.P2p;
        var trades = result.Trades.Select(x => new ClearingTrade(x.BuyerId, x.SellerId, x.Slot, x.QuantityKwh, x.PriceEurPerMwh)).ToList();

        var traded = new Dictionary<(string Id, int Slot), (double Kwh, double Eur)>();
        foreach (var x in trades)
        {
            foreach (var who in new[] { x.BuyerId, x.SellerId })
            {
                traded.TryGetValue((who, x.Slot), out var sum);
                traded[(who, x.Slot)] = (sum.Kwh + x.QuantityKwh, sum.Eur + (x.QuantityKwh * x.PriceEurPerMwh));
            }
        }

        var positions = new List<ClearingPosition>();
        foreach (var p in result.Positions)
        {
            if (p.ParticipantId == outside || !ParticipantId.TryCreate(p.ParticipantId, out var id))
            {
                continue;
            }

            var prices = new double[slots];
            for (var t = 0; t < slots; t++)
            {
                var market = t < result.PricesEurPerMwh.Count ? result.PricesEurPerMwh[t] : double.NaN;
                if (bilateral && traded.TryGetValue((p.ParticipantId, t), out var own) && own.Kwh > 0)
                {
                    market = own.Eur / own.Kwh;
                }

                prices[t] = double.IsFinite(market) ? market : scenario.OutsideMarket.WholesaleImportEurPerMwh[t];
            }

            positions.Add(new ClearingPosition(id, p.NetInjectionKw, prices));
        }

        return new ClearingOutcome
        {
            Mechanism = result.Mechanism switch
            {
                DistributedMechanism.P2p => "p2p",
                DistributedMechanism.Community => "community",
                _ => "exchange",
            },
            SlotCount = slots,
            Positions = positions,
            Bilateral = bilateral,
            Trades = bilateral ? trades : [],
            OutsideMarketId = outside,
            ImportKw = result.ImportKw,
            ExportKw = result.ExportKw,
            WelfareEur = result.WelfareEur,
        };
    }
}
