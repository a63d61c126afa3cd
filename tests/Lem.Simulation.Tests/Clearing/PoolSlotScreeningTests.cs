using Lem.Domain.Markets;
using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Time;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Grid.Network;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Scenarios;
using Lem.Simulation.Synthetic;
using Lem.Testing;
using NodaTime;

namespace Lem.Simulation.Tests.Clearing;

/// <summary>
/// The pool's slot screening (docs/mechanisms/pool.md#slot-screening) against the monolithic LP
/// (<see cref="PoolOptions.DecomposeSlots"/> false) on random orders-only markets with distinct prices (so that the
/// optimum is unique) on the synthetic feeder and on the village grid: welfare, every order's dispatch, every
/// participant's position, imports, voltages, flows and every DLMP component agree to 1e-6, with the slots that do not
/// screen cleared by an LP each.
/// </summary>
public sealed class PoolSlotScreeningTests
{
    private const int Slots = 12;

    [Theory]
    [InlineData(1000.0, 1)]
    [InlineData(1000.0, 2)]
    [InlineData(60.0, 3)]
    [InlineData(60.0, 4)]
    public void Clear_SyntheticFeeder_ScreenedEqualsMonolithicLp(double transformerKva, int seed)
    {
        var (grid, buses) = SyntheticFeeder.Build(20, transformerKva, "screening");
        var market = RandomMarket(grid, buses, seed, maxKwh: transformerKva > 100 ? 1.0 : 6.0);

        var (screened, monolithic) = ClearBoth(market);

        AssertSame(monolithic, screened);
        Assert.True(screened.Statistics.Variables < monolithic.Statistics.Variables, "the screening left every slot to the LP");
        if (transformerKva > 100)
        {
            // Nothing binds: no LP at all.
            Assert.Equal(0, screened.Statistics.Solves);
            Assert.All(monolithic.Slots, s => Assert.True(s.PricesEurPerMwh.Max() - s.PricesEurPerMwh.Min() < 1e-6));
        }
        else
        {
            // The transformer binds (the DLMPs split): those slots go to an LP each.
            var binding = monolithic.Slots.Count(s => s.PricesEurPerMwh.Max() - s.PricesEurPerMwh.Min() > 1e-3);
            Assert.True(binding >= 1, "no slot binds");
            Assert.InRange(screened.Statistics.Solves, binding, Slots - 1);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Clear_VillageGrid_ScreenedEqualsMonolithicLp(int seed)
    {
        var load = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json"));
        Assert.True(load.IsValid, string.Join("; ", load.Errors));
        // Active shunts (iron losses, shunt conductances) are outside the screening's domain: they are removed.
        var village = load.Scenario!.Grid!;
        var grid = village with
        {
            Transformers = [.. village.Transformers.Select(x => x with { GPu = 0 })],
            Lines = [.. village.Lines.Select(l => l with { GPu = 0 })],
            Shunts = [.. village.Shunts.Where(s => s.PMw == 0)],
        };
        var buses = load.Scenario.Participants.Where(p => p.Bus is not null).Select(p => p.Bus!.Value).Distinct().ToList();
        var market = RandomMarket(grid, buses, seed, maxKwh: 3.0);

        var (screened, monolithic) = ClearBoth(market);

        AssertSame(monolithic, screened);
        Assert.True(screened.Statistics.Variables < monolithic.Statistics.Variables, "the screening left every slot to the LP");
    }

    [Fact]
    public void Clear_VerticalStep_GoesToTheLpAndPricesAsIt()
    {
        // One slot, no outside trade: 5 kWh offered at 50 meet 5 kWh bid at 200, so any price in [50, 200] clears; the
        // screening cannot pick the LP's dual and leaves the slot to the LP.
        var (grid, buses) = SyntheticFeeder.Build(4, 1000, "vertical");
        var horizon = Horizon.Create(DateTimeZone.Utc, Instant.FromUtc(2026, 1, 5, 0, 0), Instant.FromUtc(2026, 1, 5, 0, 15), SlotLength.QuarterHour);
        var outside = new OutsideMarket(new SlotSeries([100.0]), new SlotSeries([40.0]), SlotSeries.Constant(0.3, 1), SlotSeries.Constant(0.08, 1), Power.FromKw(0), Power.FromKw(0), SyntheticFeeder.SlackBus);
        var market = new MarketInput("vertical", horizon, [
            Household("s", buses[0], new Order(new OrderId("s-0"), new ParticipantId("s"), OrderSide.Sell, 0, 50m, 5m)),
            Household("b", buses[3], new Order(new OrderId("b-0"), new ParticipantId("b"), OrderSide.Buy, 0, 200m, 5m)),
        ], outside, grid);

        var (screened, monolithic) = ClearBoth(market);

        Assert.Equal(1, screened.Statistics.Solves);
        AssertSame(monolithic, screened);
        Assert.Equal(monolithic.Slots[0].PricesEurPerMwh, screened.Slots[0].PricesEurPerMwh);
        Approx.Equal(5, screened.Orders[0].TotalAcceptedKwh, 1e-9);
    }

    private static (PoolResult Screened, PoolResult Monolithic) ClearBoth(MarketInput market)
    {
        var formulation = new LinDistFlowFormulation();
        var screened = PoolClearing.Clear(market, formulation);
        var monolithic = PoolClearing.Clear(market, formulation, new PoolOptions { DecomposeSlots = false });
        Assert.Equal(PoolStatus.Optimal, monolithic.Status);
        Assert.Equal(PoolStatus.Optimal, screened.Status);
        return (screened, monolithic);
    }

    /// <summary>Random buy and sell orders on every bus in every slot, each at its own price (distinct over the slot, and from the outside market's).</summary>
    private static MarketInput RandomMarket(GridNetwork grid, IReadOnlyList<BusId> buses, int seed, double maxKwh)
    {
        var rng = new Random(seed);
        var start = Instant.FromUtc(2026, 1, 5, 0, 0);
        var horizon = Horizon.Create(DateTimeZone.Utc, start, start + Duration.FromMinutes(15 * Slots), SlotLength.QuarterHour);
        var import = Enumerable.Range(0, Slots).Select(t => 90.0 + t + 0.5).ToArray();
        var export = import.Select(p => p - 12.0).ToArray();
        var orders = buses.Select(_ => new List<Order>()).ToList();
        for (var t = 0; t < Slots; t++)
        {
            // Distinct prices: a shuffled ladder of 0.37 EUR/MWh steps from 20 to 200, none on the outside prices' half-euro grid.
            var ladder = Enumerable.Range(0, buses.Count).Select(i => 20.13 + (0.37 * i * (180.0 / (0.37 * buses.Count)))).OrderBy(_ => rng.Next()).ToArray();
            for (var b = 0; b < buses.Count; b++)
            {
                var side = rng.NextDouble() < 0.35 ? OrderSide.Sell : OrderSide.Buy;
                var kwh = Math.Round(0.05 + (rng.NextDouble() * maxKwh), 3);
                var price = side == OrderSide.Buy ? ladder[b] + 100.0 : ladder[b];
                orders[b].Add(new Order(new OrderId($"p{b}-{t}"), new ParticipantId($"p{b}"), side, t, Math.Round((decimal)price, 4), (decimal)kwh));
            }
        }

        var outside = new OutsideMarket(new SlotSeries(import), new SlotSeries(export), SlotSeries.Constant(0.3, Slots), SlotSeries.Constant(0.08, Slots), null, null, grid.SlackBusIds[0]);
        return new MarketInput("screening", horizon, [.. buses.Select((bus, b) => Household($"p{b}", bus, [.. orders[b]]))], outside, grid);
    }

    private static Participant Household(string id, BusId bus, params Order[] orders) =>
        new(new ParticipantId(id), null, ParticipantRole.Prosumer, bus, [], orders, []);

    private static void AssertSame(PoolResult expected, PoolResult actual)
    {
        const double Tolerance = 1e-6;
        Approx.Equal((double)expected.WelfareEur, (double)actual.WelfareEur, Tolerance);
        Approx.Equal(expected.ImportMwh, actual.ImportMwh, Tolerance);
        Approx.Equal(expected.ExportMwh, actual.ExportMwh, Tolerance);
        Assert.Equal(expected.Orders.Select(o => o.Order), actual.Orders.Select(o => o.Order));
        for (var o = 0; o < expected.Orders.Count; o++)
        {
            Assert.Equal(expected.Orders[o].Slot, actual.Orders[o].Slot);
            for (var k = 0; k < expected.Orders[o].AcceptedKwh.Count; k++)
            {
                Approx.Equal(expected.Orders[o].AcceptedKwh[k], actual.Orders[o].AcceptedKwh[k], Tolerance);
            }
        }

        for (var p = 0; p < expected.Participants.Count; p++)
        {
            Assert.Equal(expected.Participants[p].Bus, actual.Participants[p].Bus);
            for (var t = 0; t < expected.Participants[p].NetInjectionKw.Count; t++)
            {
                Approx.Equal(expected.Participants[p].NetInjectionKw[t], actual.Participants[p].NetInjectionKw[t], Tolerance);
            }
        }

        Assert.Equal(expected.Slots.Count, actual.Slots.Count);
        for (var t = 0; t < expected.Slots.Count; t++)
        {
            var (e, a) = (expected.Slots[t], actual.Slots[t]);
            Assert.Equal(e.Index, a.Index);
            Assert.Equal(e.Start, a.Start);
            Assert.Equal(e.PriceSource, a.PriceSource);
            Approx.Equal((double)e.WelfareEur, (double)a.WelfareEur, Tolerance);
            Approx.Equal(e.ImportMwh, a.ImportMwh, Tolerance);
            Approx.Equal(e.ExportMwh, a.ExportMwh, Tolerance);
            Assert.Equal(e.PricesEurPerMwh.Count, a.PricesEurPerMwh.Count);
            for (var b = 0; b < e.PricesEurPerMwh.Count; b++)
            {
                Approx.Equal(e.PricesEurPerMwh[b], a.PricesEurPerMwh[b], Tolerance);
                Approx.Equal(e.VoltagesPu![b], a.VoltagesPu![b], Tolerance);
                var (de, da) = (e.Dlmps![b], a.Dlmps![b]);
                Assert.Equal(de.Bus, da.Bus);
                Approx.Equal(de.EnergyEurPerMwh, da.EnergyEurPerMwh, Tolerance);
                Approx.Equal(de.LossEurPerMwh, da.LossEurPerMwh, Tolerance);
                Approx.Equal(de.CongestionEurPerMwh, da.CongestionEurPerMwh, Tolerance);
                Approx.Equal(de.VoltageEurPerMwh, da.VoltageEurPerMwh, Tolerance);
            }

            for (var k = 0; k < e.BranchFlowsMw!.Count; k++)
            {
                Approx.Equal(e.BranchFlowsMw[k], a.BranchFlowsMw![k], Tolerance);
            }
        }
    }
}
