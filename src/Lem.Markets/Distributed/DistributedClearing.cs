using System.Diagnostics;
using Lem.Markets.Community;
using Lem.Markets.Exchange;
using Lem.Markets.PeerToPeer;
using Lem.Scenarios;

namespace Lem.Markets.Distributed;

/// <summary>
/// Clears a scenario by distributed optimisation: every participant with assets or orders becomes a <see cref="LocalAgent"/>
/// that keeps its data private; the P2P market (§6.1), the community market (§6.2) or the exchange with a supervisor (§7)
/// coordinates them by messages only. The grid is not represented (copper plate); quantities are kW, prices EUR/MWh.
/// </summary>
public static class DistributedClearing
{
    /// <summary>Runs a mechanism on a scenario.</summary>
    /// <exception cref="ArgumentException">When the scenario has no participant with assets or orders, or the options are out of range.</exception>
    /// <exception cref="InvalidOperationException">When an agent's local problem cannot be solved (an infeasible EV requirement, for example).</exception>
    public static DistributedResult Run(Scenario scenario, DistributedMechanism mechanism, DistributedOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= DistributedOptions.Default;
        var clock = Stopwatch.StartNew();
        var horizon = scenario.Horizon;
        var slots = horizon.Count;
        var hours = horizon.SlotHours;
        var members = scenario.Participants.Where(p => p.Assets.Count > 0 || p.Orders.Count > 0).ToList();
        if (members.Count == 0)
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' has no participant with assets or orders.", nameof(scenario));
        }

        // P2P network charges (docs/network-charges.md) reach the agents as per-partner preferences c_nm.
        var charges = mechanism == DistributedMechanism.P2p && options.NetworkCharges is { } chargePolicy
            ? NetworkCharges.Build(scenario, chargePolicy, options.OutsideMarketId)
            : null;
        var agents = members.Select(p => (IAgent)LocalAgent.FromParticipant(p, horizon, charges?.PreferencesOf(p.Id.ToString()))).ToList();
        var market = scenario.OutsideMarket;
        switch (mechanism)
        {
            case DistributedMechanism.Community:
                {
                    var outside = new CommunityOutside(
                        market.WholesaleImportEurPerMwh.Values,
                        market.WholesaleExportEurPerMwh.Values,
                        market.ImportLimit?.Kw ?? double.PositiveInfinity,
                        market.ExportLimit?.Kw ?? double.PositiveInfinity,
                        hours / 1000.0);
                    var r = CommunityManager.Run(agents, outside, slots, options.Admm);
                    return new DistributedResult
                    {
                        Mechanism = mechanism,
                        Diagnostics = r.Diagnostics,
                        WallSeconds = clock.Elapsed.TotalSeconds,
                        PricesEurPerMwh = r.PricesEurPerMwh,
                        Trades = [],
                        Positions = [.. r.MemberIds.Select((id, i) => new DistributedPosition(id, r.Positions[i]))],
                        ImportKw = r.Imports,
                        ExportKw = r.Exports,
                        WelfareEur = Welfare(r.TotalCostEur),
                    };
                }

            case DistributedMechanism.Exchange:
                {
                    agents.Add(LocalAgent.OutsideMarket(options.OutsideMarketId, market, horizon));
                    var r = ExchangeAdmm.Run(agents, slots, options.Admm);
                    var outsideX = r.Injections[^1];
                    return new DistributedResult
                    {
                        Mechanism = mechanism,
                        Diagnostics = r.Diagnostics,
                        WallSeconds = clock.Elapsed.TotalSeconds,
                        PricesEurPerMwh = r.PricesEurPerMwh,
                        Trades = [],
                        Positions = [.. r.AgentIds.Select((id, i) => new DistributedPosition(id, r.Injections[i]))],
                        ImportKw = [.. outsideX.Select(v => Math.Max(v, 0.0))],
                        ExportKw = [.. outsideX.Select(v => Math.Max(-v, 0.0))],
                        WelfareEur = Welfare(r.TotalCostEur),
                    };
                }

            case DistributedMechanism.P2p:
                {
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
                        Mechanism = mechanism,
                        Diagnostics = r.Diagnostics,
                        WallSeconds = clock.Elapsed.TotalSeconds,
                        PricesEurPerMwh = prices,
                        Trades = [.. r.Trades.Select(x => new DistributedTrade(x.BuyerId, x.SellerId, x.Slot, x.Quantity * hours, x.PriceEurPerMwh))],
                        Positions = [.. r.AgentIds.Select((id, i) => new DistributedPosition(id, r.Injections[i]))],
                        ImportKw = [.. outsideX.Select(v => Math.Max(v, 0.0))],
                        ExportKw = [.. outsideX.Select(v => Math.Max(-v, 0.0))],
                        WelfareEur = Welfare(r.TotalCostEur),
                    };
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "Unknown mechanism.");
        }
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

    private static decimal Welfare(double? costEur) => costEur is { } c ? (decimal)Math.Round(-c, 6, MidpointRounding.ToEven) : 0m;
}
