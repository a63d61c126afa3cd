using System.Globalization;
using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Grid.Formulations;
using Lem.Grid.Network;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Scenarios;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Markets.Tests;

/// <summary>
/// The pool on LinDist3Flow (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices): balanced participants
/// clear as on LinDistFlow (a second formulation), single-phase ones get their phase's price, and the three-phase AC
/// check reports the linearisation error per phase and no violation where the clearing saw none.
/// </summary>
public sealed class LinDist3FlowPoolTests(ITestOutputHelper output)
{
    [Fact]
    public void BalancedParticipantsClearAsOnLinDistFlow()
    {
        var scenario = Feeder(null, null, 0.985);
        var single = PoolClearing.Clear(scenario, new LinDistFlowFormulation());
        var three = PoolClearing.Clear(scenario, new LinDist3FlowFormulation());

        Assert.Equal(PoolStatus.Optimal, single.Status);
        Assert.Equal(PoolStatus.Optimal, three.Status);
        Assert.Equal((double)single.WelfareEur, (double)three.WelfareEur, 6);
        for (var t = 0; t < single.Slots.Count; t++)
        {
            for (var b = 0; b < single.BusIds.Count; b++)
            {
                Approx.Equal(single.Slots[t].PricesEurPerMwh[b], three.Slots[t].PricesEurPerMwh[b], 1e-5, what: $"price slot {t} bus {single.BusIds[b]}");
                Approx.Equal(single.Slots[t].VoltagesPu![b], three.Slots[t].VoltagesPu![b], 1e-7, what: $"|V| slot {t} bus {single.BusIds[b]}");
                Assert.All(three.Slots[t].Phases!.VoltagesPu[b], v => Approx.Equal(single.Slots[t].VoltagesPu![b], v, 1e-7));
            }
        }
    }

    [Fact]
    public void SinglePhaseLoadUnderAVoltageLimitRaisesItsPhasePriceAndPaysIt()
    {
        // The floor is put just above the lowest phase voltage without limits, so that phase a of the far bus binds.
        var free = PoolClearing.Clear(Feeder("a", "b", 0.5), new LinDist3FlowFormulation());
        Assert.Equal(PoolStatus.Optimal, free.Status);
        var far = IndexOf(free, "2");
        var lowest = free.Slots[0].Phases!.VoltagesPu[far].Min();
        var scenario = Feeder("a", "b", lowest + 0.002);
        var r = PoolClearing.Clear(scenario, new LinDist3FlowFormulation());

        Assert.Equal(PoolStatus.Optimal, r.Status);
        var prices = r.Slots[0].Phases!.PricesEurPerMwh[far];
        output.WriteLine($"bus 2 phase prices a/b/c: {string.Join(" / ", prices.Select(p => p.ToString("0.###", CultureInfo.InvariantCulture)))}");
        Assert.True(prices[0] > prices[1] + 1 && prices[0] > prices[2] + 1, "phase a, where the limit binds, is the dearest");
        Approx.Equal(prices.Average(), r.Slots[0].PricesEurPerMwh[far], 1e-9, what: "the bus price is the balanced (mean) price");

        // The participant on phase a pays the phase-a price; the decomposition adds up to it.
        var clearing = PoolMechanism.ToClearingResult(r, scenario);
        var home = clearing.Positions.Single(p => p.Participant.Value == "home-a");
        Approx.Equal(prices[0], home.PriceEurPerMwh[0], 1e-9, what: "home-a pays phase a");
        var d = r.Slots[0].Phases!.Dlmps![far][0];
        Approx.Equal(prices[0], d.TotalEurPerMwh, 1e-6, what: "decomposition total");
        Assert.True(d.VoltageEurPerMwh > 1, "the voltage component carries the difference");
    }

    [Fact]
    public void ThreePhaseAcCheckReportsThePerPhaseErrorAndNoViolationWhereTheClearingSawNone()
    {
        var scenario = Feeder("a", "b", 0.9);
        var r = PoolClearing.Clear(scenario, new LinDist3FlowFormulation());
        Assert.Equal(PoolStatus.Optimal, r.Status);
        var ac = GridCheck.Run(scenario, PoolMechanism.ToClearingResult(r, scenario));

        Assert.NotNull(ac);
        Assert.True(ac.AllConverged);
        var three = Assert.IsType<ThreePhaseCheck>(ac.ThreePhase);
        var error = Assert.IsAssignableFrom<IReadOnlyList<double>>(three.MaxVoltageErrorPu);
        output.WriteLine($"|V_lin − V_ac| max per phase: {string.Join(" / ", error.Select(e => e.ToString("0.000000", CultureInfo.InvariantCulture)))} p.u.; max VUF {three.MaxUnbalancePercent:0.000} %");

        // Independent reference: the exact per-phase voltages of the AC check stay within the clearing's limits,
        // and LinDist3Flow's error on this light feeder is below 1 % (the §15 example's error is 0.4 % at 18 kW).
        Assert.Empty(ac.Violations);
        Assert.All(error, e => Assert.InRange(e, 1e-7, 0.01));
        Assert.True(three.MaxUnbalancePercent > 0.01, "single-phase loads unbalance the voltages");
    }

    /// <summary>
    /// <c>ClearingOptions.MaxUnbalancePercent</c> (<c>lem run --max-unbalance-percent</c>) puts the linearised VUF limit
    /// into the pool: the same result as the formulation built with the limit (a second path), the welfare falls as the
    /// limit tightens until the limit becomes infeasible, the limit binds at least once, and the three-phase AC check's
    /// true VUF stays within every limit that cleared. A formulation without phases refuses the option.
    /// </summary>
    [Fact]
    public void UnbalanceLimitFromTheOptionsBindsAndHoldsInTheAcCheck()
    {
        var scenario = Feeder("a", "b", 0.9);
        var pool = new PoolMechanism();
        ClearingResult Run(double? limit) => pool.Clear(new ClearingRequest(scenario) { Formulation = "lindist3flow", Options = new ClearingOptions { MaxUnbalancePercent = limit } });
        var free = Run(null);
        Assert.Equal(ClearingStatus.Optimal, free.Status);
        var freeAc = GridCheck.Run(scenario, free)!.ThreePhase!.MaxUnbalancePercent;

        var limit = 4 * freeAc;
        var previous = free.WelfareEur;
        var cleared = 0;
        var bound = 0;
        for (var k = 0; k < 14; k++, limit *= 0.75)
        {
            var r = Run(limit);
            if (r.Status != ClearingStatus.Optimal)
            {
                break;
            }

            cleared++;
            var direct = PoolClearing.Clear(scenario, new LinDist3FlowFormulation(maxUnbalancePercent: limit));
            Approx.Equal((double)direct.WelfareEur, (double)r.WelfareEur, 1e-9, what: $"welfare with the limit {limit:0.###} % against the formulation built with it");
            Assert.True(r.WelfareEur <= previous + 1e-9m, "a tighter limit never raises the welfare");
            bound += r.WelfareEur < free.WelfareEur - 1e-6m ? 1 : 0;
            previous = r.WelfareEur;
            var ac = GridCheck.Run(scenario, r)!.ThreePhase!.MaxUnbalancePercent;
            output.WriteLine($"limit {limit:0.####} %: welfare {r.WelfareEur:0.######} EUR, AC VUF {ac:0.####} % (free: {freeAc:0.####} %)");
            Assert.True(ac <= limit * 1.02, $"AC VUF {ac} % above the limit {limit} %");
        }

        Assert.True(cleared >= 3, "several limits clear");
        Assert.True(bound >= 1, "the limit binds at least once before it becomes infeasible");

        var errors = pool.Check(new ClearingRequest(scenario) { Formulation = "lindistflow", Options = new ClearingOptions { MaxUnbalancePercent = 2 } });
        Assert.Contains(errors, e => e.Code == "clearing.unbalance_limit_not_applicable" && e.Path == "--max-unbalance-percent");
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void VillageOnThreePhasesClearsAndItsAcCheckFindsNoViolation()
    {
        var loaded = ScenarioReader.Load(RepoPaths.InRepo("examples", "village-3ph", "scenario.json"));
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var scenario = loaded.Scenario!;
        Assert.Contains(scenario.Participants, p => p.Phase == "c");
        var r = PoolClearing.Clear(scenario, new LinDist3FlowFormulation());
        Assert.Equal(PoolStatus.Optimal, r.Status);
        var ac = GridCheck.Run(scenario, PoolMechanism.ToClearingResult(r, scenario));

        Assert.NotNull(ac);
        Assert.True(ac.AllConverged);
        var error = ac.ThreePhase!.MaxVoltageErrorPu!;
        output.WriteLine($"village-3ph: |V_lin − V_ac| max a/b/c {string.Join(" / ", error.Select(e => e.ToString("0.000000", CultureInfo.InvariantCulture)))} p.u.; max VUF {ac.ThreePhase.MaxUnbalancePercent:0.000} %");
        Assert.All(r.Slots, s => Assert.All(s.Phases!.VoltagesPu.SelectMany(v => v), v => Assert.InRange(v, 0.9 - 1e-9, 1.1 + 1e-9)));
        Assert.Empty(ac.Violations);
        Assert.All(error, e => Assert.InRange(e, 1e-7, 0.01));
    }

    private static int IndexOf(PoolResult r, string bus) => r.BusIds.ToList().FindIndex(b => b.Value == bus);

    /// <summary>
    /// A 0.4 kV feeder 0 – 1 – 2 (base 1 MVA, r = 0.5, x = 0.25 p.u. per line) with the outside market at the slack, a
    /// flexible bidder "home-a" (buys up to 12 kW at 200 EUR/MWh, on <paramref name="phaseA"/>) and a fixed 6 kW load
    /// "home-b" (on <paramref name="phaseB"/>) at bus 2, a 3 kW load "shop" on abc at bus 1; two hourly slots.
    /// </summary>
    private static MarketInput Feeder(string? phaseA, string? phaseB, double vmMinPu)
    {
        static Bus Bus(string id, double vmin, bool slack = false) => new() { Id = new BusId(id), NominalKv = 0.4, VmMinPu = vmin, VmMaxPu = 1.1, Type = slack ? BusType.Slack : BusType.Pq };
        var grid = new GridNetwork
        {
            Name = "feeder",
            BaseMva = 1.0,
            Buses = [Bus("0", 0.9, slack: true), Bus("1", vmMinPu), Bus("2", vmMinPu)],
            Lines =
            [
                new Line { Id = "01", FromBus = new BusId("0"), ToBus = new BusId("1"), RPu = 0.5, XPu = 0.25 },
                new Line { Id = "12", FromBus = new BusId("1"), ToBus = new BusId("2"), RPu = 0.5, XPu = 0.25 },
            ],
        };
        var horizon = TestScenarios.Hourly(2);
        Participant At(Participant p, string bus, string? phase) => p with { Bus = new BusId(bus), Phase = phase };
        var participants = new[]
        {
            At(TestScenarios.Participant("home-a", ParticipantRole.Consumer, orders:
                [TestScenarios.Order("a0", "home-a", OrderSide.Buy, 0, (200, 0.012)), TestScenarios.Order("a1", "home-a", OrderSide.Buy, 1, (200, 0.012))]), "2", phaseA),
            At(TestScenarios.Participant("home-b", ParticipantRole.Consumer, [TestScenarios.Load("home-b-load", 6, 6)]), "2", phaseB),
            At(TestScenarios.Participant("shop", ParticipantRole.Consumer, [TestScenarios.Load("shop-load", 3, 3)]), "1", null),
        };
        return new MarketInput("feeder", horizon, participants, TestScenarios.Market([50, 60]), grid);
    }
}
