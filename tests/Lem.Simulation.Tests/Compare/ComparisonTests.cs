using Lem.Domain.Assets;
using Lem.Domain.Markets;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Time;
using Lem.Markets.Assets;
using Lem.Markets.Clearing;
using Lem.Markets.Redispatch;
using Lem.Simulation.Compare;
using Lem.Simulation.Days;
using Lem.Testing;
using NodaTime;

namespace Lem.Simulation.Tests.Compare;

/// <summary>
/// The comparison metrics on a 3-participant, 2-slot example computed by hand (docs/comparison.md#worked-example),
/// with fake simulation results in place of the day loop.
/// </summary>
public sealed class ComparisonTests
{
    // Delivered net injections (kW, 1-hour slots): A draws 2 + 2, B injects 3 + 1, C draws 1 then injects 1.
    private static readonly double[][] Delivered = [[-2, -2], [3, 1], [-1, 1]];
    private static readonly string[] Ids = ["A", "B", "C"];

    private static readonly MarketInput Market = BuildMarket();

    [Fact]
    public void BaselineBillsAreRetailForImportsAndFeedInForExports()
    {
        // A: 4 kWh × 0.30 = 1.20; B: −4 kWh × 0.08 = −0.32; C: 1 × 0.30 − 1 × 0.08 = 0.22.
        Assert.Equal(1.20m, NoMarketBaseline.BillEur(Delivered[0], Market.OutsideMarket, 1.0));
        Assert.Equal(-0.32m, NoMarketBaseline.BillEur(Delivered[1], Market.OutsideMarket, 1.0));
        Assert.Equal(0.22m, NoMarketBaseline.BillEur(Delivered[2], Market.OutsideMarket, 1.0));
    }

    [Fact]
    public void MetricsOfTheHandExample()
    {
        var request = new CompareRequest(new SimulationSettings(new FakeDaySource(Market), 1), ["pool", "p2p"]);
        var report = Comparison.Run(request, FakeRunner);
        Assert.Empty(report.Failures);
        var pool = report.Designs.Single(d => d.Design == "pool");
        var p2p = report.Designs.Single(d => d.Design == "p2p");

        // Pool: bills 0.80, −0.60, 0.20 → savings 0.40, 0.28, 0.02.
        Assert.Equal(0.70m, pool.TotalBaselineEur - pool.TotalBillEur);
        Approx.Equal(0.49 / (3 * (0.16 + 0.0784 + 0.0004)), pool.JainIndex, 1e-12);
        Approx.Equal(2 * (0.12 + 0.38 + 0.26) / (2 * 3 * 0.70), pool.GiniCoefficient, 1e-12);
        Assert.Equal(0, pool.WorseOffCount);
        Assert.Equal(0.0, pool.WelfareGapPercent);

        // P2P: bills 0.90, −0.50, 0.25 → savings 0.30, 0.18, −0.03: C is worse off.
        Assert.Equal(new[] { 0.30m, 0.18m, -0.03m }, p2p.Outcomes.Select(o => o.SavingsEur));
        Approx.Equal(0.45 * 0.45 / (3 * (0.09 + 0.0324 + 0.0009)), p2p.JainIndex, 1e-12);
        Approx.Equal(2 * (0.12 + 0.33 + 0.21) / (2 * 3 * 0.51), p2p.GiniCoefficient, 1e-12);
        Assert.Equal(1, p2p.WorseOffCount);
        Approx.Equal(7.5, p2p.WelfareGapPercent!.Value, 1e-12);           // (10 − 9.25) / 10
        Assert.Contains(p2p.Notes, n => n.Contains("1 of 3 savings negative", StringComparison.Ordinal));

        // Prices: slot 1 volume 6 kW at 50, slot 2 volume 4 kW at 70 → average 58, spread 20.
        Approx.Equal(58, pool.AveragePriceEurPerMwh!.Value, 1e-9);
        Approx.Equal(20, pool.PriceSpreadEurPerMwh!.Value, 1e-9);

        // Communication: the pool collects a bid of (1 asset × 2 slots) pairs and returns 2 pairs per participant;
        // the P2P run reports its own count.
        Assert.Equal(6, pool.Messages);
        Assert.Equal(3 * 16 * (2 + 2), pool.Bytes);
        Assert.Equal(120, p2p.Messages);
        Assert.Equal(4800, p2p.Bytes);
        Assert.Equal((3, 0, 2), (p2p.ViolationsBefore, p2p.ViolationsAfter, p2p.RedispatchRounds));
    }

    [Fact]
    public void AuctionIsTheUniformPriceCallAuctionAndUnknownDesignsListTheKnownOnes()
    {
        Assert.Equal("uniform", CompareDesigns.MechanismOf("auction"));
        var seen = new List<string>();
        var request = new CompareRequest(new SimulationSettings(new FakeDaySource(Market), 1), ["auction"]);
        Comparison.Run(request, s => { seen.Add(s.Mechanism); return FakeRunner(s with { Mechanism = "pool" }); });
        Assert.Equal(["uniform"], seen);

        var errors = Comparison.Check(["pool", "nonsense", "pool"]);
        Assert.Equal(2, errors.Count);
        Assert.Contains("Unknown mechanism 'nonsense'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("pool", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("auction", errors[0].Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Comparison.Run(new CompareRequest(request.Base, ["nonsense"]), FakeRunner));
    }

    [Theory]
    [InlineData("pool", InformationKind.CentralOptimiser)]
    [InlineData("community", InformationKind.Coordinated)]
    [InlineData("exchange", InformationKind.Coordinated)]
    [InlineData("p2p", InformationKind.PeerToPeer)]
    [InlineData("uniform", InformationKind.OrderBook)]
    public void InformationKindFollowsTheMechanismsCapabilities(string mechanism, InformationKind expected) =>
        Assert.Equal(expected, PrivacyTable.KindOf(ClearingMechanisms.Get(mechanism).Capabilities));

    [Fact]
    public void ScalingSkipsADesignWhosePredictedTimeExceedsTheLimit()
    {
        // Fake times: pool 1e-4·n s, p2p 1e-3·n² s. With a 50 s limit p2p runs at 10 (0.1 s) and 100 (10 s) and is
        // predicted at 10 s × 10^1.5 ≈ 316 s for 1,000 agents: skipped. The pool runs at every size.
        var request = new CompareRequest(new SimulationSettings(new FakeDaySource(Market), 1), ["pool", "p2p"])
        {
            ScalingSizes = [1000, 10, 100],
            ScalingLimitSeconds = 50,
            ScalingSource = n => new FakeDaySource(Market with { Name = $"n{n}" }),
        };
        var report = Comparison.Run(request, s =>
        {
            var n = int.Parse(s.Source.ActualDay(0).Name.TrimStart('n').Replace("fake", "1", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            var r = FakeRunner(s);
            return r with { WallSeconds = s.Mechanism == "pool" ? 1e-4 * n : 1e-3 * n * n };
        });
        var p2p = report.Scaling.Where(r => r.Design == "p2p").OrderBy(r => r.Agents).ToList();
        Assert.Equal([10, 100, 1000], p2p.Select(r => r.Agents));
        Assert.NotNull(p2p[1].WallSeconds);
        Assert.Null(p2p[2].WallSeconds);
        Assert.StartsWith("skipped: predicted 316 s", p2p[2].Note, StringComparison.Ordinal);
        Assert.All(report.Scaling.Where(r => r.Design == "pool"), r => Assert.NotNull(r.WallSeconds));
    }

    [Fact]
    public void FilesHoldOneRowPerDesignAndAnHtmlReport()
    {
        var request = new CompareRequest(new SimulationSettings(new FakeDaySource(Market), 1), ["pool", "p2p"]);
        var report = Comparison.Run(request, FakeRunner);
        var dir = Path.Combine(Path.GetTempPath(), $"lem-compare-test-{Environment.ProcessId}");
        try
        {
            var files = CompareFiles.Write(report, dir);
            Assert.Equal(["compare.json", "compare.csv", "scaling.csv", "compare.html"], files.Select(Path.GetFileName));
            var csv = File.ReadAllLines(Path.Combine(dir, "compare.csv"));
            Assert.Equal(3, csv.Length);
            Assert.StartsWith("pool,pool,1,3,10,0,58,20,", csv[1], StringComparison.Ordinal);
            Assert.Equal(CompareFiles.CsvColumns.Count, csv[2].Split(',').Length);
            var html = File.ReadAllText(Path.Combine(dir, "compare.html"));
            Assert.Contains("<svg", html, StringComparison.Ordinal);
            Assert.Contains("bids and assets (costs, values", html, StringComparison.Ordinal);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "compare.json")));
            Assert.Equal(7.5, json.RootElement.GetProperty("designs")[1].GetProperty("welfare_gap_percent").GetDouble(), 9);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void RequestedGrid_GoesToTheDesignsThatSupportIt_OthersKeepTheirDefault()
    {
        var seen = new List<(string Mechanism, string Formulation)>();
        var request = new CompareRequest(new SimulationSettings(new FakeDaySource(Market), 1) { Formulation = "lindistflow" }, ["pool", "auction"]);
        Comparison.Run(request, s => { seen.Add((s.Mechanism, s.Formulation)); return FakeRunner(s with { Mechanism = "pool" }); });
        Assert.Equal([("pool", "lindistflow"), ("uniform", "auto")], seen);
    }

    private static SimulationResult FakeRunner(SimulationSettings s)
    {
        var market = s.Source.ActualDay(0);
        var pool = s.Mechanism == "pool";
        decimal[] bills = pool ? [0.80m, -0.60m, 0.20m] : [0.90m, -0.50m, 0.25m];
        var clearing = new ClearingResult
        {
            Mechanism = s.Mechanism,
            SlotCount = 2,
            Positions = [.. Ids.Select((id, i) => new ClearingPosition(new ParticipantId(id), Delivered[i], [50.0, 70.0]))],
            ImportKw = [0, 0],
            ExportKw = [0, 0],
        };
        var day = new SimulatedDay
        {
            Day = 0,
            DayAheadMarket = market,
            DayAhead = new RedispatchOutcome("iterative", clearing, clearing, pool ? 0 : 2, pool ? 0 : 3, 0, 0m),
            Participants = [.. Ids.Select((id, i) => new ParticipantDay(new ParticipantId(id), bills[i], 0m, 0m, Delivered[i]))],
            WelfareEur = pool ? 10.00m : 9.25m,
            ClearingSeconds = 0.5,
            Messages = pool ? 0 : 120,
            Bytes = pool ? 0 : 4800,
        };
        return new SimulationResult(s, [day], 1.0);
    }

    private static MarketInput BuildMarket()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var start = Instant.FromUtc(2026, 6, 1, 10, 0);
        var horizon = Horizon.Create(zone, start, start + Duration.FromHours(2), SlotLength.Hour);
        var participants = Ids.Select((id, i) => new Participant(
            new ParticipantId(id), null, ParticipantRole.Prosumer, null,
            [new InflexibleLoad(new AssetId($"{id}-load"), null, new SlotSeries([1.0, 1.0]))], [], [])).ToList();
        var outside = new OutsideMarket(SlotSeries.Constant(60, 2), SlotSeries.Constant(40, 2), SlotSeries.Constant(0.30, 2), SlotSeries.Constant(0.08, 2), null, null, null);
        return new MarketInput("fake", horizon, participants, outside, null);
    }
}
