using System.Reflection;
using FsCheck.Xunit;
using Lem.Domain.Markets;
using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Markets.Assets;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Markets.Distributed.Grid;
using Lem.Markets.Exchange;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Testing;
using Xunit.Abstractions;
using static Lem.Markets.Tests.TestScenarios;

namespace Lem.Markets.Tests.Distributed;

/// <summary>
/// The grid agent (docs/mechanisms/admm.md#the-grid-agent): exchange and community on --grid lindistflow reach the
/// pool's welfare and DLMPs on the same formulation; the grid agent sees only injections.
/// </summary>
public sealed class GridAgentTests(ITestOutputHelper output)
{
    private static readonly AdmmOptions Tight = new() { Rho = 1.0, AbsoluteTolerance = 1e-7, RelativeTolerance = 1e-8, MaxIterations = 20000, Parallel = false };

    [Theory]
    [InlineData("exchange")]
    [InlineData("community")]
    [InlineData("p2p")]
    [Trait("Category", "Heavy")]
    public void TenHouseholdsOnKerber_LinDistFlow_MatchesThePoolsWelfareAndDlmps(string mechanism)
    {
        var loaded = ScenarioReader.Parse(System.Text.Encoding.UTF8.GetBytes(TenHouseholdScenario.JsonOnKerberGrid()), RepoPaths.InRepo("examples", "village"));
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var market = loaded.Scenario!;
        var pool = ClearingMechanisms.Get("pool").Clear(new ClearingRequest(market) { Formulation = "lindistflow" });
        var distributed = ClearingMechanisms.Get(mechanism).Clear(new ClearingRequest(market) { Formulation = "lindistflow" });
        var poolCopper = ClearingMechanisms.Get("pool").Clear(new ClearingRequest(market) { Formulation = "copperplate" });
        var copper = ClearingMechanisms.Get(mechanism).Clear(new ClearingRequest(market) { Formulation = "copperplate" });
        output.WriteLine($"copper plate: {mechanism} {copper.WelfareEur} vs pool {poolCopper.WelfareEur}; lindistflow: {distributed.WelfareEur} vs pool {pool.WelfareEur}");
        AssertMatches(pool, distributed, 1e-3, 1.0);
        var poolCheck = ClearingPipeline.GridCheck(market, pool);
        var check = ClearingPipeline.GridCheck(market, distributed);
        Assert.NotNull(check);
        output.WriteLine($"{mechanism}: welfare {distributed.WelfareEur} vs pool {pool.WelfareEur}; {distributed.Diagnostics["iterations"]} iterations, {distributed.WallSeconds:0.00} s; AC violations {check!.Violations.Count} vs pool {poolCheck!.Violations.Count}");
        if (poolCheck.Violations.Count == 0)
        {
            Assert.Empty(check.Violations);
        }
    }

    /// <summary>
    /// Issue 15's acceptance on a reduced village (docs/mechanisms/admm.md#the-grid-agent): the village's 96 quarter-hours on
    /// the Kerber Dorfnetz with the community battery and the first twelve households (PV, batteries, EVs, a heat pump).
    /// Before the Gauss–Seidel coordination the exchange stopped at the 5000-iteration cap 2.5·10⁻³ from the pool here.
    /// </summary>
    [Theory]
    [InlineData("exchange")]
    [InlineData("community")]
    [InlineData("p2p")]
    [Trait("Category", "Heavy")]
    public void ReducedVillage_LinDistFlow_MatchesThePoolsWelfareAndDlmps(string mechanism)
    {
        var scenario = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepoPaths.InRepo("examples", "village", "scenario.json")))!;
        var participants = scenario["participants"]!.AsArray();
        var keep = new HashSet<string>(["community-manager", "dso", "community-battery", .. Enumerable.Range(1, 12).Select(i => $"h{i:00}")], StringComparer.Ordinal);
        foreach (var p in participants.Where(p => !keep.Contains((string)p!["id"]!)).ToList())
        {
            participants.Remove(p);
        }

        var loaded = ScenarioReader.Parse(System.Text.Encoding.UTF8.GetBytes(scenario.ToJsonString()), RepoPaths.InRepo("examples", "village"));
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var market = loaded.Scenario!;
        Assert.Equal(13, market.Participants.Count(p => p.Assets.Count > 0));
        var pool = ClearingMechanisms.Get("pool").Clear(new ClearingRequest(market) { Formulation = "lindistflow" });
        var distributed = ClearingMechanisms.Get(mechanism).Clear(new ClearingRequest(market) { Formulation = "lindistflow" });
        output.WriteLine($"{mechanism}: welfare {distributed.WelfareEur} vs pool {pool.WelfareEur}; {distributed.Diagnostics["iterations"]} iterations, status {distributed.Status}");
        Assert.Equal(ClearingStatus.Converged, distributed.Status);
        AssertMatches(pool, distributed, 1e-3, 1.0);
        var poolCheck = ClearingPipeline.GridCheck(market, pool);
        var check = ClearingPipeline.GridCheck(market, distributed);
        Assert.NotNull(check);
        if (poolCheck!.Violations.Count == 0)
        {
            Assert.Empty(check!.Violations);
        }
    }

    [Property(MaxTest = 10)]
    [Trait("Category", "Heavy")]
    public bool RandomRadialFeeder_ExchangeWithTheGridAgent_ReachesThePoolsLinDistFlowWelfare(int seed) => MatchesPoolOnRandomFeeder("exchange", seed);

    [Property(MaxTest = 10)]
    [Trait("Category", "Heavy")]
    public bool RandomRadialFeeder_P2pWithTheGridAgent_ReachesThePoolsLinDistFlowWelfare(int seed) => MatchesPoolOnRandomFeeder("p2p", seed);

    [Fact]
    public void CongestedFeeder_BothMechanisms_PriceTheCongestionLikeThePool()
    {
        // Cheap PV at the feeder's end behind a 30 kW line, demand at the head: the pool's DLMPs differ by bus.
        var market = CongestedFeeder();
        var pool = ClearingMechanisms.Get("pool").Clear(new ClearingRequest(market) { Formulation = "lindistflow" });
        var prices = pool.PricesEurPerMwh[0];
        Assert.True(prices.Max() - prices.Min() > 10, $"the feeder is congested: DLMPs {string.Join(", ", prices)}");
        foreach (var name in new[] { "exchange", "community", "p2p" })
        {
            var distributed = ClearingMechanisms.Get(name).Clear(new ClearingRequest(market) { Formulation = "lindistflow" });
            Assert.Equal("lindistflow", distributed.Formulation);
            AssertMatches(pool, distributed, 1e-3, 1.0);
        }
    }

    [Fact]
    public void GridAgent_InputsAreInjectionsOnly()
    {
        // Its one message type carries the iteration, the slot count and injections in kW: no agent id, cost, price or ρ.
        var signal = typeof(GridSignal).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract").ToDictionary(p => p.Name, p => p.PropertyType);
        Assert.Equal(["EncodedBytes", "IndexCount", "Iteration", "RequestedInjectionKw", "SlotCount", "ValueCount"], signal.Keys.Order());
        Assert.Equal(typeof(IReadOnlyList<double>), signal["RequestedInjectionKw"]);
        Assert.DoesNotContain(signal.Values, t => t == typeof(string) || t == typeof(IReadOnlyList<string>));

        // What it is built from: the prepared network, the connection bus, reactive injections and the number of market
        // positions per bus (which weighs its projection); nothing of an agent.
        var constructor = Assert.Single(typeof(GridAgent).GetConstructors());
        Assert.Equal([typeof(string), typeof(IPreparedGridFormulation), typeof(int), typeof(IReadOnlyList<double>), typeof(int), typeof(IReadOnlyList<double>)], constructor.GetParameters().Select(p => p.ParameterType));
        var publicInstance = typeof(GridAgent).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name).Where(n => !n.StartsWith("get_", StringComparison.Ordinal) && n != ".ctor").Order().ToArray();
        Assert.Equal(["AgentId", "BusCount", "Respond"], publicInstance);

        // And it refuses every other message, such as an agent's exchange signal.
        var agent = new GridAgent("dso", new LinDistFlowFormulation().Prepare(NetworkIndex.Build(CongestedFeeder().Grid!)), 0, new double[3], 1);
        Assert.Throws<ArgumentException>(() => agent.Respond(new ExchangeSignal(1, 1.0, [0.0], [0.0])));

        // In P2P the grid agent is reached through the same coupling (GridConsensus holds a GridAgent and sends it
        // GridSignals only), and what an agent learns of the grid is its bus's numbers per slot: no id, no network.
        var consensus = typeof(AdmmMechanism).Assembly.GetType("Lem.Markets.Distributed.Grid.GridConsensus", throwOnError: true)!;
        Assert.Contains(consensus.GetConstructors().Single().GetParameters(), p => p.ParameterType == typeof(GridAgent));
        var bus = typeof(BusSignal).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract").ToDictionary(p => p.Name, p => p.PropertyType);
        Assert.Equal(["MeanKw", "PriceEurPerMwh", "SupplyKw", "ValueCount"], bus.Keys.Order());
        Assert.DoesNotContain(bus.Values, t => t == typeof(string) || t == typeof(IReadOnlyList<string>));
        Assert.Equal(typeof(BusSignal), typeof(Lem.Markets.PeerToPeer.P2pSignal).GetProperty("Bus")!.PropertyType);
    }

    [Fact]
    public void GridAgent_ProjectsOntoTheThermalLimit()
    {
        // Bus 2 asks to inject 50 kW through the 30 kVA line 1–2, bus 0 (slack) to take it. With Q = 0 the 12-sided
        // polygon of the thermal limit lets P reach F = 30·cos(π/12) kW; the injections sum to zero (LinDistFlow is
        // lossless). min a² + b² + c² for (−50 + a, b, 50 − c) with a + b = c and 50 − c ≤ F gives c = 50 − F, a = b = c/2.
        var agent = new GridAgent("dso", new LinDistFlowFormulation().Prepare(NetworkIndex.Build(CongestedFeeder().Grid!)), 0, new double[3], 1);
        var answer = Assert.IsType<GridProposal>(agent.Respond(new GridSignal(1, 1, [-50.0, 0.0, 50.0])));
        var f = 30 * Math.Cos(Math.PI / 12);
        var c = 50 - f;
        Assert.Equal(-50 + (c / 2), answer.InjectionKw[0], 1e-6);
        Assert.Equal(c / 2, answer.InjectionKw[1], 1e-6);
        Assert.Equal(f, answer.InjectionKw[2], 1e-6);

        // A feasible request comes back unchanged.
        var inside = Assert.IsType<GridProposal>(agent.Respond(new GridSignal(2, 1, [-20.0, 5.0, 15.0])));
        Assert.Equal([-20.0, 5.0, 15.0], inside.InjectionKw.Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public void GridAgent_WeighsItsProjectionByThePositionsPerBus()
    {
        // The thermal case above with two positions at bus 1: min a² + b²/2 + c² for (−50 + a, b, 50 − c), a + b = c and
        // 50 − c ≤ F gives c = 50 − F as before, now split a = c/3, b = 2c/3 (the Lagrange condition 2a = b).
        var agent = new GridAgent("dso", new LinDistFlowFormulation().Prepare(NetworkIndex.Build(CongestedFeeder().Grid!)), 0, new double[3], 1, [1.0, 2.0, 1.0]);
        var answer = Assert.IsType<GridProposal>(agent.Respond(new GridSignal(1, 1, [-50.0, 0.0, 50.0])));
        var f = 30 * Math.Cos(Math.PI / 12);
        var c = 50 - f;
        Assert.Equal(-50 + (c / 3), answer.InjectionKw[0], 1e-6);
        Assert.Equal(2 * c / 3, answer.InjectionKw[1], 1e-6);
        Assert.Equal(f, answer.InjectionKw[2], 1e-6);
        Assert.Throws<ArgumentException>(() => new GridAgent("dso", new LinDistFlowFormulation().Prepare(NetworkIndex.Build(CongestedFeeder().Grid!)), 0, new double[3], 1, [1.0, 0.5, 1.0]));
    }

    [Theory]
    [InlineData("soc")]
    [InlineData("ac")]
    public void DistributedMechanisms_RefuseNonlinearFormulationsClearly(string formulation)
    {
        foreach (var name in new[] { "exchange", "community", "p2p" })
        {
            var errors = ClearingMechanisms.Get(name).Check(new ClearingRequest(CongestedFeeder()) { Formulation = formulation });
            var error = Assert.Single(errors);
            Assert.Equal("--grid", error.Path);
            Assert.Equal("clearing.formulation_not_supported", error.Code);
            Assert.Contains("lindistflow", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(["copperplate", "dc", "lindistflow"], ClearingMechanisms.Get("p2p").Capabilities.GridFormulations);
    }

    /// <summary>Whether a mechanism with the grid agent converges to the LinDistFlow pool's welfare within 1e-4 on random feeder <paramref name="seed"/>.</summary>
    private bool MatchesPoolOnRandomFeeder(string mechanism, int seed)
    {
        var market = RandomFeeder(seed);
        var pool = PoolClearing.Clear(market, new LinDistFlowFormulation());
        if (pool.Status != PoolStatus.Optimal)
        {
            return true; // the generator only builds feasible feeders; a failed pool would be a bug in the pool's tests
        }

        var options = DistributedOptions.Default with { GridFormulation = "lindistflow", Admm = Tight, P2pAdmm = Tight };
        var distributed = ClearingMechanisms.Get(mechanism) is AdmmMechanism m ? m.Run(market, options) : throw new InvalidOperationException();
        var welfare = (double)pool.WelfareEur;
        var error = Math.Abs((double)distributed.WelfareEur - welfare) / Math.Max(1.0, Math.Abs(welfare));
        output.WriteLine($"seed {seed}: pool {pool.WelfareEur}, {mechanism} {distributed.WelfareEur} ({distributed.Iterations} iterations, {distributed.Status}); rel. error {error:E2}");
        return distributed.Status == ConvergenceStatus.Converged && error <= 1e-4;
    }

    private static void AssertMatches(ClearingResult pool, ClearingResult distributed, double relativeWelfare, double priceEurPerMwh)
    {
        var welfare = (double)pool.WelfareEur;
        Assert.True(Math.Abs((double)distributed.WelfareEur - welfare) <= relativeWelfare * Math.Max(1.0, Math.Abs(welfare)), $"welfare {distributed.WelfareEur} vs pool {welfare}");
        Assert.Equal(pool.PriceLocations, distributed.PriceLocations);
        for (var t = 0; t < pool.SlotCount; t++)
        {
            for (var b = 0; b < pool.PriceLocations.Count; b++)
            {
                Assert.True(Math.Abs(pool.PricesEurPerMwh[t][b] - distributed.PricesEurPerMwh[t][b]) <= priceEurPerMwh, $"slot {t}, bus {pool.PriceLocations[b]}: {distributed.PricesEurPerMwh[t][b]} vs pool {pool.PricesEurPerMwh[t][b]}");
            }
        }
    }

    /// <summary>Three buses in a line (0 slack, 1, 2); a 30 kW line from 1 to 2; PV of 60 kW at 2 (5 EUR/MWh curtailment), load at 1 valued at 200 EUR/MWh.</summary>
    private static Scenario CongestedFeeder()
    {
        var grid = new GridNetwork
        {
            Name = "congested",
            Buses = [new Bus { Id = new BusId("0"), NominalKv = 0.4, Type = BusType.Slack }, new Bus { Id = new BusId("1"), NominalKv = 0.4 }, new Bus { Id = new BusId("2"), NominalKv = 0.4 }],
            Lines =
            [
                new Line { Id = "01", FromBus = new BusId("0"), ToBus = new BusId("1"), RPu = 0.01, XPu = 0.005 },
                new Line { Id = "12", FromBus = new BusId("1"), ToBus = new BusId("2"), RPu = 0.02, XPu = 0.01, RatingMva = 0.03 },
            ],
        };
        var pv = Participant("pv", ParticipantRole.Producer, [Pv("pv-1", 60, [60])]) with { Bus = new BusId("2") };
        var load = Participant("load", ParticipantRole.Consumer, [Curtailable("load-1", [80], 200)]) with { Bus = new BusId("1") };
        return Scenario("congested", Hourly(1), Market([100], [20]) with { ConnectionBus = new BusId("0") }, pv, load) with { Grid = grid };
    }

    /// <summary>
    /// A random radial feeder of 3–6 buses (bus 0 the slack; every other bus hangs off an earlier one) with tight line
    /// ratings and voltage limits, and at each bus a buyer's bid and PV over two slots (both at unity power factor, so
    /// the grid agent's reactive injections are the pool's); the zero-injection point is feasible, so the pool is.
    /// </summary>
    private static Scenario RandomFeeder(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(3, 7);
        var buses = Enumerable.Range(0, n).Select(i => new Bus { Id = new BusId($"{i}"), NominalKv = 0.4, Type = i == 0 ? BusType.Slack : BusType.Pq, VmMinPu = 0.96, VmMaxPu = 1.04 }).ToList();
        var lines = Enumerable.Range(1, n - 1).Select(i => new Line
        {
            Id = $"l{i}",
            FromBus = new BusId($"{random.Next(0, i)}"),
            ToBus = new BusId($"{i}"),
            RPu = 0.02 + (0.1 * random.NextDouble()),
            XPu = 0.01 + (0.05 * random.NextDouble()),
            RatingMva = 0.02 + (0.06 * random.NextDouble()),
        }).ToList();
        var participants = new List<Participant>();
        for (var i = 1; i < n; i++)
        {
            var sun = new[] { 60 * random.NextDouble(), 60 * random.NextDouble() };
            var bids = Enumerable.Range(0, 2).Select(t => Order($"b{i}-{t}", $"p{i}", OrderSide.Buy, t, (60 + (200 * random.NextDouble()), (10 + (40 * random.NextDouble())) / 1000))).ToArray();
            participants.Add(Participant($"p{i}", ParticipantRole.Prosumer, [Pv($"pv{i}", 60, sun, 5 * random.NextDouble())], bids) with { Bus = new BusId($"{i}") });
        }

        var grid = new GridNetwork { Name = $"random-{seed}", Buses = buses, Lines = lines };
        return Scenario($"random-{seed}", Hourly(2), Market([90, 120], [30, 40]) with { ConnectionBus = new BusId("0") }, [.. participants]) with { Grid = grid };
    }

    private static CurtailableLoad Curtailable(string id, double[] demandKw, double valueEurPerMwh) =>
        new(new AssetId(id), null, new SlotSeries(demandKw), Price.FromEurPerMwh(valueEurPerMwh));

    private static RenewableGenerator Pv(string id, double capacityKw, double[] availableKw, double curtailmentEurPerMwh = 5) =>
        new(new AssetId(id), null, RenewableKind.Pv, Power.FromKw(capacityKw), new SlotSeries(availableKw), Price.FromEurPerMwh(curtailmentEurPerMwh));
}
