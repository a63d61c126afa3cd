using System.CommandLine;
using Lem.Cli.Commands;
using Lem.Domain.Validation;
using Lem.Markets.Assets;
using Lem.Markets.Clearing;
using Lem.Markets.Redispatch;
using Lem.Simulation.Days;
using Lem.Simulation.Synthetic;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>lem compare</c> with a fake day loop (docs/comparison.md): options, errors and the four output files.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-compare-").FullName;
    private readonly List<SimulationSettings> runs = [];

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void UnknownMechanismsAreReportedWithTheKnownOnes()
    {
        var (exit, _, err) = Run("compare", Example, "--mechanisms", "pool,bogus,magic", "--no-scaling");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("Unknown mechanism 'bogus'", err, StringComparison.Ordinal);
        Assert.Contains("Unknown mechanism 'magic'", err, StringComparison.Ordinal);
        Assert.Contains("auction", err, StringComparison.Ordinal);
        Assert.Contains("p2p", err, StringComparison.Ordinal);
        Assert.Empty(runs);
        CliRunner.AssertNoStackTrace(err);
    }

    [Fact]
    public void BadScalingSizesAndBadSourcesAreReportedTogether()
    {
        var bad = Path.Combine(dir, "bad.json");
        File.WriteAllText(bad, """{"synthetic": {"households": -3, "pv_share": 2}}""");
        var (exit, _, err) = Run("compare", bad, "--mechanisms", "pool", "--scaling", "10,ten");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("'ten' is not a community size", err, StringComparison.Ordinal);
        Assert.Contains("synthetic.households", err, StringComparison.Ordinal);
        Assert.Contains("synthetic.pv_share", err, StringComparison.Ordinal);
        Assert.Empty(runs);
    }

    [Fact]
    public void ARunWritesTheFourFilesAndMapsAuctionToTheUniformCallAuction()
    {
        var output = Path.Combine(dir, "out");
        var (exit, _, err) = Run("compare", Example, "--days", "2", "--mechanisms", "pool,auction", "--scaling", "10,20", "--seed", "5", "--out", output);
        Assert.True(exit == ExitCodes.Ok, err);
        foreach (var f in new[] { "compare.json", "compare.csv", "scaling.csv", "compare.html" })
        {
            Assert.True(File.Exists(Path.Combine(output, f)), f);
        }

        // Two designs over 2 days, then each design for one day at 10 and 20 households.
        Assert.Equal(["pool", "uniform", "pool", "uniform", "pool", "uniform"], runs.Select(r => r.Mechanism));
        Assert.All(runs, r => Assert.Equal(5UL, r.Seed));
        Assert.Equal([2, 2, 1, 1, 1, 1], runs.Select(r => r.Days));
        Assert.Equal([100, 100, 10, 10, 20, 20], runs.Select(r => r.Source.ActualDay(0).Participants.Count));
        var csv = File.ReadAllLines(Path.Combine(output, "compare.csv"));
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("pool,pool,2,", csv[1], StringComparison.Ordinal);
        Assert.StartsWith("auction,uniform,2,", csv[2], StringComparison.Ordinal);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(output, "scaling.csv")).Length);
    }

    private static string Example => RepoPaths.InRepo("examples", "synthetic", "community.json");

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr) { Quiet = true };
        var root = new RootCommand { CompareCommand.Create(context, FakeRunner, Open) };
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        // Problems go to the console (stdout); join wrapped lines so that messages can be matched whole.
        var all = System.Text.RegularExpressions.Regex.Replace(stdout + " " + stderr, @"\s+", " ");
        return (exit, stdout.ToString(), all);
    }

    private static (IDaySource?, IReadOnlyList<ValidationError>) Open(string path)
    {
        var read = SyntheticSpec.Read(path);
        return (read.Source, read.Errors);
    }

    /// <summary>A stand-in for the day loop: every household draws its load; the pool bills 90 % of retail, other designs 95 %.</summary>
    private SimulationResult FakeRunner(SimulationSettings s)
    {
        lock (runs)
        {
            runs.Add(s);
        }

        var days = new List<SimulatedDay>();
        for (var d = 0; d < s.Days; d++)
        {
            var market = s.Source.ActualDay(d);
            var participants = market.Participants.Select(p =>
            {
                var kw = p.AssetsOf<InflexibleLoad>().Single().DemandKw.Values.Select(v => -v).ToList();
                var retail = (decimal)kw.Select((x, t) => -x * market.OutsideMarket.RetailEurPerKwh[t] * market.Horizon.SlotHours).Sum();
                return new ParticipantDay(p.Id, Math.Round(retail * (s.Mechanism == "pool" ? 0.9m : 0.95m), 2), 0m, 0m, kw);
            }).ToList();
            var clearing = new ClearingResult { Mechanism = s.Mechanism, SlotCount = market.Horizon.Count, Positions = [], ImportKw = [], ExportKw = [] };
            days.Add(new SimulatedDay
            {
                Day = d,
                DayAheadMarket = market,
                DayAhead = new RedispatchOutcome("none", clearing, clearing, 0, 0, 0, 0m),
                Participants = participants,
                WelfareEur = s.Mechanism == "pool" ? 100m : 95m,
            });
        }

        return new SimulationResult(s, days, 0.01);
    }
}
