using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// <c>lem run --settle --price-rule mmr|sdr</c> on the ten-household community of issue 15: the local price rules keep
/// every member at least as well off as on the retail and feed-in tariffs, where the pool's tie rules do not
/// (docs/settlement.md#local-price-rules).
/// </summary>
public sealed class RunLocalPriceRuleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-price-rule-").FullName;
    private readonly string _scenario;

    public RunLocalPriceRuleTests()
    {
        _scenario = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(_scenario, TenHouseholdScenario.Json());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("mmr")]
    [InlineData("sdr")]
    public void LocalPriceRule_NoMemberWorseOffThanRetailAndFeedIn(string rule)
    {
        using var summary = Settle(rule);
        var kpis = summary.RootElement.GetProperty("kpis");
        Assert.Equal(0, kpis.GetProperty("worse_off_count").GetInt32());
        var savings = kpis.GetProperty("savings").EnumerateArray().ToList();
        Assert.Equal(10, savings.Count);
        Assert.All(savings, s => Assert.True(s.GetProperty("savings_eur").GetDecimal() >= 0, s.ToString()));
        Assert.True(summary.RootElement.GetProperty("settlement").GetProperty("budget_balanced").GetBoolean());

        // The PV owner with the largest surplus sells at no less than feed-in plus the operator fee, slot by slot.
        using var invoice = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, rule, "invoices", "h01.json")));
        foreach (var slot in invoice.RootElement.GetProperty("slots").EnumerateArray())
        {
            if (slot.GetProperty("scheduled_kwh").GetDouble() > 0)
            {
                Assert.True(slot.GetProperty("price_eur_per_mwh").GetDouble() >= 84 - 1e-6, slot.ToString());
            }
        }
    }

    [Theory]
    [InlineData("midpoint")]
    [InlineData("marginal")]
    public void TieRule_LeavesAPvOwnerWorseOff(string rule)
    {
        using var summary = Settle(rule);
        var kpis = summary.RootElement.GetProperty("kpis");
        Assert.True(kpis.GetProperty("worse_off_count").GetInt32() >= 1);
        var worse = kpis.GetProperty("worse_off").EnumerateArray().Select(w => w.GetProperty("participant").GetString()).ToList();
        Assert.Contains("h01", worse);
    }

    [Fact]
    public void LocalPriceRule_OnBilateralMechanism_IsAUsageError()
    {
        var (exit, output, err) = CliRunner.Run("run", _scenario, "--mechanism", "p2p", "--settle", "--no-ac-check", "--price-rule", "mmr");

        Assert.Equal(2, exit);
        Assert.Contains("--price-rule mmr", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    private JsonDocument Settle(string rule)
    {
        var outDir = Path.Combine(_dir, rule);
        var (exit, output, err) = CliRunner.Run("run", _scenario, "--settle", "--no-ac-check", "--price-rule", rule, "--out", outDir, "--format", "json");
        Assert.True(exit == 0, output + err);
        return JsonDocument.Parse(output);
    }
}
