using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>lem flex</c> on the worked examples of docs/mechanisms/flexibility.md (examples/flex) and on bad flexibility sections.</summary>
public sealed class FlexCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-flex-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Runs lem with the arguments, asserts exit code 0 and parses standard output as JSON.</summary>
    internal static JsonElement Json(params string[] args)
    {
        var (exit, output, err) = CliRunner.Run(args);
        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    private static double Kw(JsonElement root, string offer) =>
        root.GetProperty("orders").EnumerateArray().Where(o => o.GetProperty("offer").GetString() == offer).Sum(o => o.GetProperty("kw").GetDouble());

    private static double Price(JsonElement root, string bus) =>
        root.GetProperty("flex_prices").EnumerateArray().Single(p => p.GetProperty("bus").GetString() == bus).GetProperty("eur_per_mwh").GetDouble();

    [Fact]
    public void WorkedExampleA_Json_OrdersCostPricesAndViolations()
    {
        var r = Json("flex", RepoPaths.InRepo("examples", "flex", "worked-a.json"), "--format", "json");

        Assert.Equal("cleared", r.GetProperty("status").GetString());
        Assert.Equal(1.85m, r.GetProperty("cost_eur").GetDecimal());
        Assert.Equal(1, r.GetProperty("rounds").GetInt32());
        Assert.Equal(15, Kw(r, "A"), 6);
        Assert.Equal(5, Kw(r, "B"), 6);
        Assert.Equal(10, Kw(r, "C"), 6);
        Assert.Equal(10, Kw(r, "E"), 6);
        Assert.Equal(0, Kw(r, "G"), 6);
        Assert.Equal(0, Price(r, "0"), 6);
        Assert.Equal(40, Price(r, "1"), 6);
        Assert.Equal(80, Price(r, "2"), 6);
        Assert.Equal(2, r.GetProperty("violations_before").GetArrayLength());
        Assert.Equal(0, r.GetProperty("violations_after").GetArrayLength());
    }

    [Fact]
    public void WorkedExampleA_UniformPricing_Costs240()
    {
        var r = Json("flex", RepoPaths.InRepo("examples", "flex", "worked-a.json"), "--format", "json", "--pricing", "uniform");

        Assert.Equal(2.40m, r.GetProperty("cost_eur").GetDecimal());
        Assert.Equal("uniform", r.GetProperty("pricing").GetString());
    }

    [Fact]
    public void WorkedExampleB_Json_ReactiveBatteryCurtailment_1185()
    {
        var r = Json("flex", RepoPaths.InRepo("examples", "flex", "worked-b.json"), "--format", "json");

        Assert.Equal(1.185m, r.GetProperty("cost_eur").GetDecimal());
        Assert.Equal(40, r.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("offer").GetString() == "absorb").GetProperty("kvar").GetDouble(), 6);
        Assert.Equal(20, Kw(r, "charge"), 6);
        Assert.Equal(7.75, Kw(r, "curtail"), 6);
        Assert.Equal("overvoltage", r.GetProperty("violations_before")[0].GetProperty("kind").GetString());
        Assert.Equal(0, r.GetProperty("violations_after").GetArrayLength());
    }

    [Fact]
    public void Out_WritesJsonOrdersAndPrices()
    {
        var outDir = Path.Combine(dir, "out");

        var (exit, _, err) = CliRunner.Run("flex", RepoPaths.InRepo("examples", "flex", "worked-a.json"), "--out", outDir);

        Assert.Equal(0, exit);
        Assert.Empty(err.Trim());
        var orders = File.ReadAllLines(Path.Combine(outDir, "orders.csv"));
        Assert.Equal("offer,fsp,bus,slot,direction,kw,kvar,price_eur_per_mwh", orders[0]);
        Assert.Contains("A,agg,2,0,up,15,0,50", orders);
        Assert.Contains("2,0,80", File.ReadAllLines(Path.Combine(outDir, "flex_prices.csv")));
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "flex.json")));
        Assert.Equal(1.85m, doc.RootElement.GetProperty("cost_eur").GetDecimal());
    }

    [Fact]
    public void BadFlexibilitySection_ReportsEveryProblemWithItsPath_NoStackTrace()
    {
        var text = File.ReadAllText(RepoPaths.InRepo("examples", "flex", "worked-a.json"))
            .Replace("\"bus\": \"2\", \"direction\": \"up\", \"kw\": 15", "\"bus\": \"9\", \"direction\": \"up\", \"kw\": 15", StringComparison.Ordinal)
            .Replace("\"fsp\": \"agg\", \"bus\": \"1\", \"direction\": \"up\", \"kw\": 10", "\"fsp\": \"nobody\", \"bus\": \"1\", \"direction\": \"sideways\", \"kw\": 10", StringComparison.Ordinal)
            .Replace("\"kw\": 50, \"price_eur_per_mwh\": 10", "\"kw\": 0, \"price_eur_per_mwh\": 10, \"min_activation_factor\": 2", StringComparison.Ordinal);
        var path = Path.Combine(dir, "bad.json");
        File.WriteAllText(path, text);

        var (exit, output, err) = CliRunner.Run("validate", path, "--format", "json");

        Assert.NotEqual(0, exit);
        CliRunner.AssertNoStackTrace(output + err);
        using var doc = JsonDocument.Parse(output);
        var paths = doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("$.flexibility.offers[0].bus", paths);
        Assert.Contains("$.flexibility.offers[3].fsp", paths);
        Assert.Contains("$.flexibility.offers[3].direction", paths);
        Assert.Contains("$.flexibility.offers[4].min_activation_factor", paths);
        Assert.Contains("$.flexibility.offers[4].kw", paths);
    }

    [Fact]
    public void ScenarioWithoutFlexibilitySection_ExitsNonZeroWithTheMissingField()
    {
        var (exit, output, err) = CliRunner.Run("flex", RepoPaths.InRepo("examples", "tiny", "scenario.json"));

        Assert.NotEqual(0, exit);
        CliRunner.AssertNoStackTrace(output + err);
        Assert.Contains("$.flexibility", output + err);
    }
}
