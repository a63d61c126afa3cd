using Lem.Domain.Markets;
using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Time;
using Lem.Domain.Units;
using Lem.Markets.Assets;
using Lem.Markets.Clearing;
using Lem.Simulation.Agents;
using Lem.Simulation.Agents.Strategic;
using Lem.Simulation.Agents.Truthful;
using Lem.Simulation.Days;
using static Lem.Simulation.Tests.Agents.Community;

namespace Lem.Simulation.Tests.Agents;

/// <summary>
/// The strategic agent (docs/agents.md#strategic): on FORMULATIONS §16's Cournot example as a one-slot market its bids
/// clear at the Cournot–Nash point, against the price-taking point of truthful bids; its profit is at least its
/// truthful profit given the others' bids; withholding lowers a simulated community's welfare.
/// </summary>
public sealed class StrategicAgentTests
{
    private static readonly IClearingMechanism Pool = ClearingMechanisms.Get("pool");

    /// <summary>A buyer whose 1-kWh steps lie on P = a − b·Q (the step ending at Q = k kWh priced a − b·k) while the price is positive.</summary>
    private static Participant LinearDemand(string id, double a, double b, int maxSteps = 100_000)
    {
        var steps = Enumerable.Range(1, maxSteps).Select(k => a - (b * k)).TakeWhile(p => p > 0).Select(p => new PriceStep((decimal)p, 1m)).ToList();
        return new Participant(new ParticipantId(id), null, ParticipantRole.Consumer, null, [], [new Order(new OrderId($"{id}-bid"), new ParticipantId(id), OrderSide.Buy, 0, steps)], []);
    }

    /// <summary>A producer: PV of <paramref name="kw"/> available whose curtailment cost (its marginal cost as a truthful seller) is <paramref name="costEurPerMwh"/>.</summary>
    private static Participant Producer(string id, double costEurPerMwh, double kw) =>
        Prosumer(id, new RenewableGenerator(new AssetId($"{id}-pv"), null, RenewableKind.Pv, Power.FromKw(kw), SlotSeries.Constant(kw, 1), Price.FromEurPerMwh(costEurPerMwh)));

    private static AgentView View(Participant p, OutsideMarket outside, IReadOnlyList<Participant>? expected = null) =>
        new(0, p, Hourly(1), outside, [outside.WholesaleImportEurPerMwh[0]], MechanismSchedulesAssets: false, new Random(1), expected);

    /// <summary>Clears the market where <paramref name="strategic"/> bid strategically (taking <paramref name="assumed"/> as the strategic set) and the rest truthfully.</summary>
    private static ClearingResult Clear(Participant[] participants, OutsideMarket outside, IReadOnlySet<ParticipantId> strategic, IReadOnlySet<ParticipantId>? assumed)
    {
        var truthful = participants.Select(p => new TruthfulAgent(p.Id).DayAhead(View(p, outside))).ToList();
        var submitted = participants.Select((p, i) => strategic.Contains(p.Id) ? new StrategicAgent(p.Id, assumed).DayAhead(View(p, outside, truthful)) : truthful[i]).ToList();
        var result = Pool.Clear(new ClearingRequest(new MarketInput("strategic", Hourly(1), submitted, outside, null)));
        Assert.True(result.Succeeded, result.Message);
        return result;
    }

    private static double PositionKw(ClearingResult r, string id) => r.Positions.SingleOrDefault(p => p.Participant.Value == id)?.NetInjectionKw[0] ?? 0.0;

    /// <summary>FORMULATIONS §16: P = 120 − 0.5·Q, costs 20 and 40 EUR/MWh, 100 kW each; the outside market never binds (import 1000, export 0).</summary>
    private static (Participant[] Participants, OutsideMarket Outside) Section16() =>
        ([LinearDemand("d", 120, 0.5), Producer("p1", 20, 100), Producer("p2", 40, 100)], Outside([1000.0], [0.0]));

    [Fact]
    public void Section16_StrategicBidsClearAtTheCournotNashPoint_80_40_Price60()
    {
        var (participants, outside) = Section16();
        var both = new HashSet<ParticipantId> { new("p1"), new("p2") };
        var r = Clear(participants, outside, both, both);
        Assert.Equal(80, PositionKw(r, "p1"), 1e-6);
        Assert.Equal(40, PositionKw(r, "p2"), 1e-6);
        Assert.Equal(60, r.PricesEurPerMwh[0][0], 1e-6);

        // --agents strategic: everyone that sells is strategic (null set), the same point.
        var all = Clear(participants, outside, both, null);
        Assert.Equal(80, PositionKw(all, "p1"), 1e-6);
        Assert.Equal(40, PositionKw(all, "p2"), 1e-6);
    }

    [Fact]
    public void Section16_TruthfulBidsClearAtThePriceTakingPoint_100_60_Price40()
    {
        var (participants, outside) = Section16();
        var r = Clear(participants, outside, new HashSet<ParticipantId>(), null);
        Assert.Equal(100, PositionKw(r, "p1"), 1e-6);
        Assert.Equal(60, PositionKw(r, "p2"), 1e-6);
        Assert.Equal(40, r.PricesEurPerMwh[0][0], 1e-6);
    }

    [Fact]
    public void Section16_StrategicPlanCurtailsTheWithheldPv()
    {
        var (participants, outside) = Section16();
        var truthful = participants.Select(p => new TruthfulAgent(p.Id).DayAhead(View(p, outside))).ToList();
        var agent = new StrategicAgent(new ParticipantId("p1"), null);
        agent.DayAhead(View(participants[1], outside, truthful));
        var pv = Assert.IsType<RenewableDispatch>(Assert.Single(agent.PlannedDispatch!));
        Assert.Equal(80, pv.OutputKw[0], 1e-6);
        Assert.Equal(20, pv.CurtailedKw[0], 1e-6);
    }

    /// <summary>
    /// Seeded random one-slot markets: a linear demand of 1-kWh steps, the agent's PV, and other sellers whose bids are
    /// fixed quantities (PV at marginal cost 0, offered at 0 EUR/MWh). Given those bids the agent's strategic profit
    /// (price − cost) × quantity is at least its truthful profit, less one demand step's worth (the clearing sees the
    /// 1-kWh steps, the agent the line through them): (a + b·capacity) × 1 kWh.
    /// </summary>
    [Fact]
    public void StrategicProfitIsAtLeastTruthfulProfit_GivenTheOthersBids()
    {
        var random = new Random(17);
        var strategicBetter = 0;
        for (var run = 0; run < 25; run++)
        {
            var a = 80 + (120 * random.NextDouble());
            var b = 0.2 + (0.8 * random.NextDouble());
            var cost = Math.Round(a * 0.5 * random.NextDouble(), 2);
            var capacity = Math.Round(20 + (130 * random.NextDouble()));
            var others = Enumerable.Range(0, random.Next(0, 3)).Select(k => Producer($"o{k}", 0, Math.Round(10 + (40 * random.NextDouble())))).ToArray();
            Participant[] participants = [LinearDemand("d", a, b), Producer("me", cost, capacity), .. others];
            var outside = Outside([a + 500], [0.0]);
            var me = new HashSet<ParticipantId> { new("me") };

            // The others bid fixed quantities (truthful at their marginal cost 0); the agent bids truthfully or strategically.
            var truthful = Clear(participants, outside, new HashSet<ParticipantId>(), me);
            var strategic = Clear(participants, outside, me, me);
            double Profit(ClearingResult r) => (r.PricesEurPerMwh[0][0] - cost) * PositionKw(r, "me") / 1000.0;
            var tolerance = (a + (b * capacity)) / 1000.0;
            Assert.True(Profit(strategic) >= Profit(truthful) - tolerance, $"run {run}: strategic {Profit(strategic)} EUR < truthful {Profit(truthful)} EUR (a {a}, b {b}, cost {cost}, capacity {capacity})");
            strategicBetter += Profit(strategic) > Profit(truthful) + 1e-9 ? 1 : 0;
        }

        // Withholding pays somewhere: the property is not met only by equal bids.
        Assert.True(strategicBetter >= 10, $"strategic bidding paid in only {strategicBetter} of 25 markets");
    }

    /// <summary>A small community over one day: two PV producers and three households; strategic producers withhold PV, so more is imported and the welfare falls.</summary>
    [Fact]
    public void SimulatedWelfareWithStrategicAgentsIsAtMostWithTruthfulAgents()
    {
        const int slots = 24;
        var import = ImportPrices(slots);
        var outside = Outside(import, [.. import.Select(p => p - 60)]);
        Participant[] people =
        [
            Prosumer("pv1", PvAsset("pv1-pv", Pv(slots, 8))),
            Prosumer("pv2", PvAsset("pv2-pv", Pv(slots, 5))),
            Prosumer("h1", LoadAsset("h1-load", Load(slots, 2.0))),
            Prosumer("h2", LoadAsset("h2-load", Load(slots, 1.5, 0.7))),
            Prosumer("h3", LoadAsset("h3-load", Load(slots, 1.0, 1.9))),
        ];
        var source = new Lem.Simulation.Tests.Compare.FakeDaySource(new MarketInput("strategic-day", Hourly(slots), people, outside, null));
        var truthful = Simulator.Run(new SimulationSettings(source, 1) { Mechanism = "pool", Agents = "truthful", Parallel = false });
        var strategic = Simulator.Run(new SimulationSettings(source, 1) { Mechanism = "pool", Agents = "strategic", Parallel = false });
        var mixed = Simulator.Run(new SimulationSettings(source, 1) { Mechanism = "pool", Strategic = new HashSet<ParticipantId> { new("pv1") }, Parallel = false });
        var w = (Truthful: truthful.Days[0].WelfareEur, Strategic: strategic.Days[0].WelfareEur, Mixed: mixed.Days[0].WelfareEur);
        Assert.True(w.Strategic < w.Truthful, $"welfare strategic {w.Strategic} EUR, truthful {w.Truthful} EUR");
        Assert.True(w.Mixed <= w.Truthful, $"welfare with pv1 strategic {w.Mixed} EUR, truthful {w.Truthful} EUR");

        // The strategic producers sold less than their PV in some slot.
        var sold = strategic.Days[0].DayAhead.Final.Positions.Where(p => p.Participant.Value.StartsWith("pv", StringComparison.Ordinal)).Sum(p => p.NetInjectionKw.Sum());
        var pv = Pv(slots, 8).Sum() + Pv(slots, 5).Sum();
        Assert.True(sold < pv - 1, $"the strategic producers sold {sold} of {pv} kWh");
    }
}
