using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// <c>lem run --tariff-aware</c> (docs/settlement.md#tariff-aware-clearing): on by default for a scenario with a
/// <c>settlement</c> section, and then the clearing minimises what the invoices charge per meter on top of the market cost.
/// </summary>
public sealed class RunTariffAwareTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-tariff-aware-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Trait("Category", "Heavy")]
    [Fact]
    public void Village_TariffAwareByDefault_LowersMarketCostPlusPerMeterChargesAsTheInvoicesBillThem()
    {
        var (aware, awareCharges) = Run("default");
        var (blind, blindCharges) = Run("blind", "--tariff-aware", "false");

        Assert.True(aware.GetProperty("tariff_aware").GetBoolean());
        Assert.False(blind.GetProperty("tariff_aware").GetBoolean());
        Assert.True(aware.GetProperty("settlement").GetProperty("budget_balanced").GetBoolean());

        // The tariff-aware optimum minimises −welfare + the per-meter charges; the blind dispatch is feasible for the
        // same problem, so it cannot do better. The charges are summed from the invoices (the settlement's own
        // computation, each line rounded to the cent: at most half a cent per line apart from the exact value).
        var awareWelfare = aware.GetProperty("welfare_eur").GetDecimal();
        var blindWelfare = blind.GetProperty("welfare_eur").GetDecimal();
        var rounding = 0.005m * (awareCharges.Lines + blindCharges.Lines);
        Assert.True(
            -awareWelfare + awareCharges.Eur <= -blindWelfare + blindCharges.Eur + rounding,
            $"aware: −({awareWelfare}) + {awareCharges.Eur}; blind: −({blindWelfare}) + {blindCharges.Eur}");

        // The default changes the result: the tariffs move the dispatch (the market welfare alone gets worse).
        Assert.True(awareCharges.Eur < blindCharges.Eur - 1m, $"charges {awareCharges.Eur} vs {blindCharges.Eur}");
        Assert.True(awareWelfare < blindWelfare, $"welfare {awareWelfare} vs {blindWelfare}");
    }

    [Fact]
    public void TariffAwareOnAMechanismWithoutIt_IsAUsageError()
    {
        var (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--mechanism", "uniform", "--tariff-aware", "true");

        Assert.Equal(2, exit);
        Assert.Contains("--tariff-aware", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void WithoutASettlementSection_TariffAwareIsOff()
    {
        var (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--no-ac-check", "--format", "json");

        Assert.True(exit == 0, output + err);
        using var summary = JsonDocument.Parse(output);
        Assert.False(summary.RootElement.GetProperty("tariff_aware").GetBoolean());
    }

    /// <summary>Runs the village pool with settlement; returns the summary and the per-meter energy charges of all invoices (grid energy, levies, operator fee on energy).</summary>
    private (JsonElement Summary, (decimal Eur, int Lines) Charges) Run(string name, params string[] extra)
    {
        var outDir = Path.Combine(_dir, name);
        var (exit, output, err) = CliRunner.Run(["run", RepoPaths.InRepo("examples", "village", "scenario.json"), "--settle", "--no-ac-check", "--out", outDir, "--format", "json", .. extra]);
        Assert.True(exit == 0, output + err);
        using var summary = JsonDocument.Parse(output);
        decimal eur = 0;
        var lines = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(outDir, "invoices"), "*.json").Where(f => Path.GetFileName(f) != "summary.json"))
        {
            using var invoice = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var line in invoice.RootElement.GetProperty("lines").EnumerateArray())
            {
                var code = line.GetProperty("code").GetString()!;
                if (code.StartsWith("grid.energy", StringComparison.Ordinal) || code is "taxes.levies" or "fee.energy")
                {
                    eur += line.GetProperty("amount_eur").GetDecimal();
                    lines++;
                }
            }
        }

        return (summary.RootElement.Clone(), (eur, lines));
    }
}
