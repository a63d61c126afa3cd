using System.Globalization;
using System.Text.Json;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Cli.Tests;

/// <summary>
/// The AC check's loss split reconciled with the grid formulation on the village: LinDistFlow keeps the shunt terms
/// (transformer no-load and bus shunts) and drops the series losses, so what it buys beyond copper plate is the shunt
/// and no-load loss, and the AC check's total minus that is its series loss (docs/power-flow.md, "Losses").
/// </summary>
public sealed class VillageLossReconciliationTests(VillageLossReconciliationTests.Runs runs, ITestOutputHelper output)
    : IClassFixture<VillageLossReconciliationTests.Runs>
{
    /// <summary>One <c>lem run</c> of the village per formulation, shared by the tests.</summary>
    public sealed class Runs : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("lem-losses-").FullName;
        private readonly Lazy<JsonElement> _copperPlate;
        private readonly Lazy<JsonElement> _linDistFlow;

        /// <summary>Prepares the runs (they start on first use, so a missing native library skips instead of failing).</summary>
        public Runs()
        {
            _copperPlate = new(() => Run("copperplate"));
            _linDistFlow = new(() => Run("lindistflow"));
        }

        /// <summary>The copper-plate run's summary.</summary>
        public JsonElement CopperPlate => _copperPlate.Value;

        /// <summary>The LinDistFlow run's summary.</summary>
        public JsonElement LinDistFlow => _linDistFlow.Value;

        /// <summary>The copper-plate run's output folder.</summary>
        public string CopperPlateFolder => Path.Combine(_dir, "copperplate");

        /// <summary>The LinDistFlow run's output folder.</summary>
        public string LinDistFlowFolder => Path.Combine(_dir, "lindistflow");

        /// <inheritdoc />
        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private JsonElement Run(string grid)
        {
            // Without the tariffs in the objective: the reconciliation needs the two formulations to dispatch alike, and the
            // per-meter charges leave the batteries' cycles more room to differ (docs/settlement.md#tariff-aware-clearing).
            var (exit, stdout, stderr) = CliRunner.Run(
                "run", RepoPaths.InRepo("examples", "village", "scenario.json"), "--mechanism", "pool", "--grid", grid, "--tariff-aware", "false", "--out", Path.Combine(_dir, grid), "--format", "json");
            Assert.True(exit == 0, stdout + stderr);
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
    }

    private static double NetImportKwh(JsonElement summary) => (summary.GetProperty("import_mwh").GetDouble() - summary.GetProperty("export_mwh").GetDouble()) * 1000;

    private static double Kwh(JsonElement ac, string field) => ac.GetProperty(field).GetDouble() * 1000;

    [NativeFact(NativeLibraries.Klu)]
    public void LinDistFlowsExtraImport_IsTheAcNoLoadAndShuntLoss_AndTheRestOfTheAcLossIsSeries()
    {
        var ac = runs.LinDistFlow.GetProperty("ac_check");
        Assert.True(ac.GetProperty("converged").GetBoolean());
        var extraKwh = NetImportKwh(runs.LinDistFlow) - NetImportKwh(runs.CopperPlate);
        var seriesKwh = Kwh(ac, "series_losses_mwh");
        var noLoadKwh = Kwh(ac, "transformer_no_load_losses_mwh");
        var shuntKwh = Kwh(ac, "shunt_losses_mwh");
        var totalKwh = Kwh(ac, "total_losses_mwh");
        var deviationPu = ac.GetProperty("max_voltage_deviation_pu").GetDouble();

        // The two clearings need not dispatch the participants identically (battery cycles differ with the grid's
        // prices): what the participants consume more on LinDistFlow is bought too, and is not a loss.
        var moreConsumedKwh = ParticipantsNetInjectionKwh(runs.CopperPlateFolder) - ParticipantsNetInjectionKwh(runs.LinDistFlowFolder);
        var linDistFlowLossKwh = extraKwh - moreConsumedKwh;

        // LinDistFlow's shunt loss is g·v with its own squared voltage v; the AC one is g·|V|². With |√v − |V|| ≤ δ (the
        // reported max voltage deviation) and 0.9 ≤ |V| ≤ 1.1 p.u., |v − |V|²| ≤ δ·(2.2 + δ) ≤ δ·(2.2 + δ)/0.81·|V|²: the shunt
        // terms agree within that relative bound (docs/power-flow.md, "Losses"); 0.005 kWh more covers the LP tolerances.
        var shuntLikeKwh = noLoadKwh + shuntKwh;
        var toleranceKwh = (deviationPu * (2.2 + deviationPu) / 0.81 * shuntLikeKwh) + 0.005;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"extra import {extraKwh:0.0000} kWh = {moreConsumedKwh:0.0000} kWh more consumed + {linDistFlowLossKwh:0.0000} kWh LinDistFlow shunt losses; " +
            $"AC: series {seriesKwh:0.0000}, no-load {noLoadKwh:0.0000}, shunt {shuntKwh:0.0000}, total {totalKwh:0.0000} kWh; max dV {deviationPu:0.00000} p.u.; tolerance {toleranceKwh:0.0000} kWh"));

        Assert.True(noLoadKwh > 20, "the 0.95 kW iron loss over 24 h is visible");
        Approx.Equal(seriesKwh + noLoadKwh + shuntKwh, totalKwh, 1e-9);
        Approx.Equal(ac.GetProperty("losses_mwh").GetDouble(), ac.GetProperty("series_losses_mwh").GetDouble(), 0);

        // LinDistFlow buys its shunt and no-load losses: the AC check's no-load + shunt, within the formulation's error.
        Approx.Equal(shuntLikeKwh, linDistFlowLossKwh, toleranceKwh);

        // And the extra import as a whole: the AC total minus it is the series loss, up to the dispatch difference.
        Approx.Equal(shuntLikeKwh, extraKwh, toleranceKwh + Math.Abs(moreConsumedKwh));
        Approx.Equal(seriesKwh, totalKwh - extraKwh, toleranceKwh + Math.Abs(moreConsumedKwh));
        Assert.True(toleranceKwh + Math.Abs(moreConsumedKwh) < seriesKwh / 4, "the tolerance is tight enough to tell series from no-load losses");
    }

    /// <summary>The participants' net injection over the horizon from a run's dispatch.csv (the outside market left out), kWh.</summary>
    private double ParticipantsNetInjectionKwh(string folder)
    {
        var kwh = 0.0;
        var hours = runs.LinDistFlow.GetProperty("slot_minutes").GetDouble() / 60;
        foreach (var line in File.ReadLines(Path.Combine(folder, "dispatch.csv")).Skip(1))
        {
            var cells = line.Split(',');
            if (cells[2] != "outside-market")
            {
                kwh += double.Parse(cells[5], CultureInfo.InvariantCulture) * hours;
            }
        }

        return kwh;
    }

    [NativeFact(NativeLibraries.Klu)]
    public void GridCsv_CarriesTheSplitPerSlot_SummingToTheSummary()
    {
        var ac = runs.LinDistFlow.GetProperty("ac_check");
        var slotHours = runs.LinDistFlow.GetProperty("slot_minutes").GetDouble() / 60;
        var sums = new Dictionary<string, double>();
        foreach (var line in File.ReadLines(Path.Combine(runs.LinDistFlowFolder, "grid.csv")).Skip(1))
        {
            var cells = line.Split(',');
            sums[cells[2]] = sums.GetValueOrDefault(cells[2]) + (double.Parse(cells[4], CultureInfo.InvariantCulture) * slotHours);
        }

        // grid.csv writes six decimals (MW): at most 0.5e-6 MW off per slot.
        var toleranceMwh = sums.Count == 0 ? 0 : runs.LinDistFlow.GetProperty("slot_count").GetInt32() * slotHours * 0.5e-6;
        Approx.Equal(ac.GetProperty("series_losses_mwh").GetDouble(), sums["ac_losses_mw"], toleranceMwh);
        Approx.Equal(ac.GetProperty("transformer_no_load_losses_mwh").GetDouble(), sums["ac_transformer_no_load_losses_mw"], toleranceMwh);
        Approx.Equal(ac.GetProperty("shunt_losses_mwh").GetDouble(), sums["ac_shunt_losses_mw"], toleranceMwh);
        Approx.Equal(ac.GetProperty("total_losses_mwh").GetDouble(), sums["ac_total_losses_mw"], toleranceMwh);
        Assert.True(sums["ac_transformer_no_load_losses_mw"] > 0.02, "the no-load loss is in grid.csv");
    }
}
