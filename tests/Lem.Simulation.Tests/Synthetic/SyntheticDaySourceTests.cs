using System.Text;
using Lem.Domain.Participants;
using Lem.Domain.Time;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Grid.PowerFlow;
using Lem.Grid.Topology;
using Lem.Markets.Assets;
using Lem.Markets.Clearing;
using Lem.Scenarios.Examples;
using Lem.Simulation.Synthetic;
using Lem.Testing;
using NodaTime;

namespace Lem.Simulation.Tests.Synthetic;

/// <summary>The synthetic community: determinism, physical sanity and the feeder (docs/synthetic.md).</summary>
public sealed class SyntheticDaySourceTests
{
    private static readonly SyntheticSpec Spec = new() { Households = 40, Seed = 7 };

    [Fact]
    public void SameSeedGivesTheSameDaysWhateverTheOrderTheyAreAskedIn()
    {
        var a = new SyntheticDaySource(Spec);
        var b = new SyntheticDaySource(Spec);
        var forwards = Enumerable.Range(0, 12).Select(d => Fingerprint(a.ActualDay(d))).ToList();
        var day11First = Fingerprint(b.ActualDay(11));
        Assert.Equal(forwards[11], day11First);
        Assert.Equal(forwards[3], Fingerprint(b.ActualDay(3)));

        var other = new SyntheticDaySource(Spec with { Seed = 8 });
        Assert.NotEqual(forwards[3], Fingerprint(other.ActualDay(3)));
        Assert.NotEqual(forwards[3], forwards[4]);
    }

    [Fact]
    public void SharesGiveTheRoundedNumbersOfAssets()
    {
        var source = new SyntheticDaySource(new SyntheticSpec { Households = 100, PvShare = 0.5, BatteryShare = 0.3, EvShare = 0.2, HeatPumpShare = 0.2 });
        var day = source.ActualDay(0);
        Assert.Equal(100, day.Participants.Count);
        Assert.Equal(50, day.Participants.Count(p => p.AssetsOf<RenewableGenerator>().Any()));
        Assert.Equal(30, day.Participants.Count(p => p.AssetsOf<Battery>().Any()));
        Assert.Equal(20, day.Participants.Count(p => p.AssetsOf<ElectricVehicle>().Any()));
        Assert.Equal(20, day.Participants.Count(p => p.AssetsOf<HeatPump>().Any()));

        // Batteries go to PV roofs first (battery share below PV share).
        Assert.All(day.Participants.Where(p => p.AssetsOf<Battery>().Any()), p => Assert.NotEmpty(p.AssetsOf<RenewableGenerator>()));
    }

    [Fact]
    public void PvIsZeroAtNightAndNeverAboveItsCapacity()
    {
        var source = new SyntheticDaySource(Spec);
        foreach (var d in new[] { 0, 100, 172, 300 })
        {
            var day = source.ActualDay(d);
            foreach (var pv in day.Participants.SelectMany(p => p.AssetsOf<RenewableGenerator>()))
            {
                for (var t = 0; t < day.Horizon.Count; t++)
                {
                    var local = day.Horizon.Slots[t].Start.InZone(day.Horizon.Zone);
                    if (local.Hour < 3 || local.Hour >= 22)
                    {
                        Assert.Equal(0.0, pv.AvailableKw[t]);
                    }

                    Assert.InRange(pv.AvailableKw[t], 0.0, pv.Capacity.Kw);
                }
            }
        }
    }

    [Fact]
    public void SummerPvEnergyIsSeveralTimesWinterPvEnergy()
    {
        var source = new SyntheticDaySource(Spec);
        double PvKwh(int from, int to) => Enumerable.Range(from, to - from).Sum(d =>
        {
            var day = source.ActualDay(d);
            return day.Participants.SelectMany(p => p.AssetsOf<RenewableGenerator>()).Sum(g => g.AvailableKw.IntegrateKwh(day.Horizon.SlotHours));
        });

        var june = PvKwh(151, 181);
        var december = PvKwh(334, 364);
        Assert.True(june > 2.5 * december, $"June {june:0} kWh, December {december:0} kWh");
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void AYearsEnergiesAreWithinPhysicalRanges()
    {
        var spec = new SyntheticSpec { Households = 10, PvShare = 1, BatteryShare = 0, EvShare = 0, HeatPumpShare = 1, Seed = 3 };
        var source = new SyntheticDaySource(spec);
        var loadKwh = new double[spec.Households];
        var pvKwh = new double[spec.Households];
        var heatKwh = new double[spec.Households];
        for (var d = 0; d < 365; d++)
        {
            var day = source.ActualDay(d);
            var h = day.Horizon.SlotHours;
            for (var i = 0; i < day.Participants.Count; i++)
            {
                var p = day.Participants[i];
                var daily = p.AssetsOf<InflexibleLoad>().Single().DemandKw.IntegrateKwh(h);
                Assert.InRange(daily, 2.0, 30.0);
                loadKwh[i] += daily;
                pvKwh[i] += p.AssetsOf<RenewableGenerator>().Single().AvailableKw.IntegrateKwh(h);
                heatKwh[i] += p.AssetsOf<HeatPump>().Single().ThermalDemandKw.IntegrateKwh(h);
            }
        }

        for (var i = 0; i < spec.Households; i++)
        {
            var plan = source.Households[i];
            Assert.InRange(loadKwh[i] / plan.AnnualKwh, 0.85, 1.15);          // the yearly consumption it was planned with
            Assert.InRange(pvKwh[i] / plan.PvKw, 700, 1400);                   // specific yield in southern Germany, kWh/kWp
            Assert.InRange(heatKwh[i] / plan.HeatLossKwPerK, 40_000, 90_000); // heating degree hours (15 °C limit) plus hot water, per kW/K
        }
    }

    [Fact]
    public void EvEnergyNeedsAreReachableWithinTheirWindowAndHeatPumpsCoverTheirDemand()
    {
        var source = new SyntheticDaySource(new SyntheticSpec { Households = 30, EvShare = 1, HeatPumpShare = 1, Seed = 5 });
        for (var d = 0; d < 30; d += 3)
        {
            var day = source.ActualDay(d);
            foreach (var ev in day.Participants.SelectMany(p => p.AssetsOf<ElectricVehicle>()))
            {
                Assert.True(ev.Arrival >= day.Horizon.Start && ev.Arrival < day.Horizon.End);
                var windowHours = (day.Horizon.End - ev.Arrival).TotalHours;                 // even within the day
                Assert.True(ev.EnergyToCharge.Kwh <= ev.ChargeEfficiency * ev.MaxCharge.Kw * windowHours, $"{ev.Id} on day {d}");
                Assert.True(ev.RequiredEnergy <= ev.Capacity && ev.ArrivalEnergy.Kwh >= 0);
            }

            foreach (var hp in day.Participants.SelectMany(p => p.AssetsOf<HeatPump>()))
            {
                for (var t = 0; t < day.Horizon.Count; t++)
                {
                    Assert.True(hp.ThermalDemandKw[t] <= hp.Cop[t] * hp.MaxPower.Kw, $"{hp.Id} slot {t} on day {d}");
                }
            }
        }
    }

    [Fact]
    public void TheFeederIsRadialAndItsPowerFlowConvergesOnAWinterEveningAndASummerNoon()
    {
        var source = new SyntheticDaySource(new SyntheticSpec { Households = 100 });
        var grid = source.Grid!;
        var topology = GridTopology.Analyze(NetworkIndex.Build(grid));
        Assert.True(topology.IsRadial);
        Assert.True(topology.IsConnected);
        Assert.Equal(grid.Buses.Count - 1, grid.Lines.Count + grid.Transformers.Count);

        foreach (var (d, hour) in new[] { (20, 18), (172, 13) })
        {
            var day = source.ActualDay(d);
            var slot = day.Horizon.FirstSlotAtOrAfter(day.Horizon.Start + Duration.FromHours(hour));
            var loaded = grid with { Loads = NetLoads(day, slot) };
            var pf = AcPowerFlow.Run(loaded);
            Assert.True(pf.Converged, $"day {d} {hour}:00: {pf.Status}");
            var demandMw = loaded.Loads.Sum(l => l.PMw);
            Assert.True(pf.LossesMw >= 0);
            Approx.Equal(demandMw + pf.TotalLossesMw, pf.SlackPMw, absTol: 1e-6, what: "slack power = demand + losses");
        }
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void TheTransformerCongestsOnSomeDaysButNotOnOthers()
    {
        var source = new SyntheticDaySource(new SyntheticSpec { Households = 100 });
        var ratingKw = source.Spec.EffectiveTransformerKva;
        var congested = 0;
        for (var d = 0; d < 365; d += 5)
        {
            var day = source.ActualDay(d);
            var peak = Enumerable.Range(0, day.Horizon.Count).Max(t => Math.Abs(day.Participants.Sum(p => NetDemandKw(p, t))));
            congested += peak > ratingKw ? 1 : 0;
        }

        Assert.InRange(congested, 1, 72);
    }

    [Fact]
    public void ReadReportsEveryProblemWithItsPath()
    {
        var result = SyntheticSpec.Parse(Encoding.UTF8.GetBytes("""
            {"synthetic": {"households": 0, "pv_share": 1.5, "zone": "Mars/Base", "slot_minutes": 7, "start": "2026-13-01",
                           "feeder": "meshed", "hosueholds": 3}}
            """));
        Assert.False(result.IsValid);
        var paths = result.Errors.Select(e => e.Path).ToHashSet();
        foreach (var p in new[] { "households", "pv_share", "zone", "slot_minutes", "start", "feeder", "hosueholds" })
        {
            Assert.Contains($"$.synthetic.{p}", paths);
        }
    }

    [Fact]
    public void TheBundledExampleReadsAsAHundredHouseholdsOnARadialFeeder()
    {
        var result = SyntheticSpec.Read(RepoPaths.InRepo("examples", "synthetic", "community.json"));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(100, result.Spec!.Households);
        Assert.Equal(int.MaxValue, result.Source!.DayCount);
        var day = result.Source.ActualDay(0);
        Assert.Equal(96, day.Horizon.Count);
        Assert.Equal(new LocalDate(2026, 1, 1), day.Horizon.Start.InZone(day.Horizon.Zone).Date);
        Assert.NotNull(day.Grid);
    }

    private static List<Load> NetLoads(MarketInput day, int slot) =>
        [.. day.Participants.GroupBy(p => p.Bus!.Value).OrderBy(g => g.Key.Value, StringComparer.Ordinal)
            .Select(g => new Load { Id = $"L{g.Key}", Bus = g.Key, PMw = g.Sum(p => NetDemandKw(p, slot)) / 1000, QMvar = 0.2 * g.Sum(p => NetDemandKw(p, slot)) / 1000 })];

    /// <summary>Demand without flexibility: load, heat pump at demand/COP, EV charging at full power from arrival, minus PV.</summary>
    private static double NetDemandKw(Participant p, int t)
    {
        var kw = p.AssetsOf<InflexibleLoad>().Sum(l => l.DemandKw[t]) - p.AssetsOf<RenewableGenerator>().Sum(g => g.AvailableKw[t]);
        kw += p.AssetsOf<HeatPump>().Sum(h => h.ThermalDemandKw[t] / h.Cop[t]);
        return kw;
    }

    private static string Fingerprint(MarketInput day)
    {
        var sb = new StringBuilder();
        sb.Append(day.Horizon.Start).Append('|');
        foreach (var v in day.OutsideMarket.WholesaleImportEurPerMwh.Values)
        {
            sb.Append(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',');
        }

        foreach (var p in day.Participants)
        {
            sb.Append(p.Id).Append(p.Bus).Append(':');
            foreach (var a in p.Assets)
            {
                sb.Append(a.Id).Append('=');
                var series = a switch
                {
                    InflexibleLoad l => l.DemandKw,
                    RenewableGenerator g => g.AvailableKw,
                    HeatPump h => h.ThermalDemandKw,
                    _ => null,
                };
                sb.Append(a is ElectricVehicle ev ? $"{ev.Arrival}/{ev.ArrivalEnergy.Kwh}" : "");
                if (series is not null)
                {
                    sb.Append(series.Sum().ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return sb.ToString();
    }
}
