using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// <c>lem flex settle</c> on the settlement example of docs/mechanisms/flexibility.md (examples/flex/settlement.json):
/// C ordered 10 kW for an hour at 40 EUR/MWh against a nominated 30 kW load; the meter shows 24 kW.
/// </summary>
public sealed class FlexSettleCommandTests : IDisposable
{
    private static readonly string Scenario = RepoPaths.InRepo("examples", "flex", "settlement.json");
    private static readonly string Meters = RepoPaths.InRepo("examples", "flex", "settlement-meters.csv");
    private readonly string dir = Directory.CreateTempSubdirectory("lem-flex-settle-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void SettlementExample_Delivers6Of10_Pays024_PenalisesTheShortfall()
    {
        var (exit, output, err) = CliRunner.Run("flex", "settle", Scenario, "--meters", Meters, "--format", "json");

        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        Assert.Equal("nomination", r.GetProperty("baseline").GetString());
        var line = r.GetProperty("settlements").EnumerateArray().Single();
        Assert.Equal("C", line.GetProperty("offer").GetString());
        Assert.Equal(-30, line.GetProperty("baseline_power_kw").GetDouble(), 6);
        Assert.Equal(10, line.GetProperty("ordered_flex_power_kw").GetDouble(), 6);
        Assert.Equal(-24, line.GetProperty("actual_power_kw").GetDouble(), 6);
        Assert.Equal(6, line.GetProperty("delivered_flex_power_kw").GetDouble(), 6);
        Assert.Equal(4, line.GetProperty("power_deficiency_kw").GetDouble(), 6);
        Assert.Equal(0.24m, line.GetProperty("utilisation_eur").GetDecimal());
        Assert.Equal(0.4m, line.GetProperty("penalty_eur").GetDecimal());       // 4 kWh at 100 EUR/MWh
        Assert.Equal(-0.16m, line.GetProperty("net_settlement_eur").GetDecimal());
        var statement = r.GetProperty("statements").EnumerateArray().Single();
        Assert.Equal(("agg", "2026-01"), (statement.GetProperty("fsp").GetString(), statement.GetProperty("month").GetString()));
        Assert.Equal(6, statement.GetProperty("delivered_kwh").GetDouble(), 6);
        Assert.Equal(-0.16m, r.GetProperty("net_settlement_eur").GetDecimal());
    }

    [Fact]
    public void Out_WritesLinesAndMonthlyStatements_InTextAndJson()
    {
        var outDir = Path.Combine(dir, "out");

        var (exit, output, err) = CliRunner.Run("flex", "settle", Scenario, "--meters", Meters, "--out", outDir);

        Assert.True(exit == 0, output + err);
        Assert.Contains("C,agg,0,up,-30,10,-24,6,4,0.24,0,0.4,-0.16", File.ReadAllLines(Path.Combine(outDir, "settlements.csv")));
        var text = File.ReadAllText(Path.Combine(outDir, "statements.txt"));
        Assert.Contains("FSP agg, 2026-01", text, StringComparison.Ordinal);
        Assert.Contains("utilisation payments   0.24 EUR", text, StringComparison.Ordinal);
        using var statements = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "statements.json")));
        Assert.Equal(-0.16m, statements.RootElement[0].GetProperty("net_eur").GetDecimal());
        Assert.Contains("0.24", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BadMeterFile_IsReportedWithFileAndLine_Exit1()
    {
        var meters = Path.Combine(dir, "m.csv");
        File.WriteAllText(meters, "participant,slot,energy_kwh\nghost,0,-24\nagg,7,-1\n");

        var (exit, output, _) = CliRunner.Run("flex", "settle", Scenario, "--meters", meters, "--format", "json");

        Assert.Equal(1, exit);
        Assert.Contains("m.csv:2", output, StringComparison.Ordinal);
        Assert.Contains("m.csv:3", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingReading_ForAnOrderedSlot_Exit1_NamesTheFspAndSlot()
    {
        var meters = Path.Combine(dir, "empty.csv");
        File.WriteAllText(meters, "participant,slot,energy_kwh\n");

        var (exit, output, err) = CliRunner.Run("flex", "settle", Scenario, "--meters", meters);

        Assert.Equal(1, exit);
        Assert.Contains("no meter reading", output + err, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutMeters_IsAUsageError()
    {
        var (exit, _, _) = CliRunner.Run("flex", "settle", Scenario);

        Assert.Equal(2, exit);
    }
}
