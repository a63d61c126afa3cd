using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>lem run --redispatch</c> on examples/redispatch (docs/mechanisms/redispatch.md#worked-example).</summary>
public sealed class RunRedispatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-redispatch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Iterative_ReportsTheRedispatchBlock_AndOneCsvRowPerClearing()
    {
        var outDir = Path.Combine(_dir, "iterative");
        var (exit, output, err) = CliRunner.Run("run", Feeder, "--grid", "copperplate", "--redispatch", "iterative", "--redispatch-rounds", "5", "--format", "json", "--out", outDir);
        Assert.True(exit == 0, output + err);
        var summary = JsonDocument.Parse(output).RootElement;
        var redispatch = summary.GetProperty("redispatch");

        // Line 1–2 overloaded in slots 1 and 2 by the copper-plate clearing; the final clearing is the one reported.
        Assert.Equal("iterative", redispatch.GetProperty("strategy").GetString());
        Assert.Equal(2, redispatch.GetProperty("violations_before").GetInt32());
        Assert.Equal(0, redispatch.GetProperty("violations_after").GetInt32());
        var rounds = redispatch.GetProperty("rounds").GetInt32();
        Assert.InRange(rounds, 1, 5);
        Assert.Equal(0, summary.GetProperty("ac_check").GetProperty("violations").GetArrayLength());
        var csv = File.ReadAllLines(Path.Combine(outDir, "redispatch.csv"));
        Assert.Equal("round,violations,welfare_eur,capped_participants,max_loading_percent", csv[0]);
        Assert.Equal(rounds + 2, csv.Length);

        // By hand: copper plate exports 80 + 110 kWh at 40 EUR/MWh = 7.60 EUR; the lost welfare is the first minus the final.
        Assert.StartsWith("0,2,7.6,", csv[1]);
        Assert.Equal(7.6m - summary.GetProperty("welfare_eur").GetDecimal(), redispatch.GetProperty("welfare_lost_eur").GetDecimal(), 4);
    }

    [Theory]
    [InlineData("--redispatch-rounds", "3")]
    [InlineData("--redispatch", "iterative", "--redispatch-rounds", "0")]
    [InlineData("--redispatch", "iterative", "--no-ac-check")]
    public void UsageMistakes_ExitWithTheUsageCode(params string[] options)
    {
        var (exit, output, err) = CliRunner.Run(["run", Feeder, .. options]);
        Assert.Equal(2, exit);
        Assert.Contains("--redispatch", err);
        CliRunner.AssertNoStackTrace(output + err);
    }

    private static string Feeder => RepoPaths.InRepo("examples", "redispatch", "feeder.json");
}
