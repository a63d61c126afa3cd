using System.Globalization;
using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// <c>lem run --out</c> writes the DLMP decomposition (<c>dlmp.csv</c>) when the grid formulation has one and the SOC
/// relaxation's cone gap per line (<c>soc_exactness.csv</c>), and summarises both in <c>summary.json</c>. The checks
/// compare the files with the other outputs of the same run (<c>prices.csv</c>, <c>grid.csv</c>) and with the
/// definitions in docs/formulations.md, not with numbers taken from the code.
/// </summary>
public sealed class RunDlmpOutputTests : IDisposable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-dlmp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// The tiny example with line L12 rated 1.5 A (about 1 kVA) and bus 1 capped at 1.0002 p.u.: the PV export is limited by
    /// the line in some slots and by the voltage at bus 1 in others, so both components are non-zero. Its four slots are
    /// half an hour long (10:00 to 12:00, the order and the EV's departure and requirement moved into that window), so the
    /// conversion of the duals (EUR/MW per slot) to EUR/MWh is tested as well.
    /// </summary>
    private string TightTiny()
    {
        var json = File.ReadAllText(RepoPaths.InRepo("examples", "tiny", "scenario.json"));
        var tight = json;
        foreach (var (from, to) in new[]
        {
            ("\"max_i_ka\": 0.142", "\"max_i_ka\": 0.0015"),
            ("{ \"id\": \"1\", \"vn_kv\": 0.4, \"vm_min_pu\": 0.95, \"vm_max_pu\": 1.05 }", "{ \"id\": \"1\", \"vn_kv\": 0.4, \"vm_min_pu\": 0.95, \"vm_max_pu\": 1.0002 }"),
            ("\"end\": \"2026-06-21T14:00\"", "\"end\": \"2026-06-21T12:00\""),
            ("\"slot_minutes\": 60", "\"slot_minutes\": 30"),
            ("\"slot\": \"2026-06-21T12:00\"", "\"slot\": \"2026-06-21T11:00\""),
            ("\"departure\": \"2026-06-21T14:00\"", "\"departure\": \"2026-06-21T12:00\""),
            ("\"required_energy_kwh\": 30", "\"required_energy_kwh\": 24"),
        })
        {
            Assert.Contains(from, tight, StringComparison.Ordinal);
            tight = tight.Replace(from, to, StringComparison.Ordinal);
        }

        var path = Path.Combine(_dir, "tight.json");
        File.WriteAllText(path, tight);
        return path;
    }

    private static (JsonElement Summary, string Folder) Run(string scenario, string grid, string folder)
    {
        var (exit, output, err) = CliRunner.Run("run", scenario, "--mechanism", "pool", "--grid", grid, "--no-ac-check", "--out", folder, "--format", "json");
        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        return (doc.RootElement.Clone(), folder);
    }

    private static List<Dictionary<string, string>> ReadCsv(string path, out string header)
    {
        var lines = File.ReadAllLines(path);
        header = lines[0];
        var names = header.Split(',');
        return [.. lines.Skip(1).Select(l => l.Split(',')).Select(c => names.Select((n, i) => (n, c[i])).ToDictionary(x => x.n, x => x.Item2))];
    }

    private static double D(string s) => double.Parse(s, NumberStyles.Float, Inv);

    /// <summary>Checks dlmp.csv against prices.csv: one row per bus and slot, total = the sum of the components = the bus price, energy = the slack's price.</summary>
    private static List<Dictionary<string, string>> CheckDlmpAgainstPrices(string folder, double tolerance)
    {
        var dlmp = ReadCsv(Path.Combine(folder, "dlmp.csv"), out var header);
        Assert.Equal("bus,slot,total,energy,losses,congestion,voltage", header);
        var prices = ReadCsv(Path.Combine(folder, "prices.csv"), out _).ToDictionary(r => (r["bus"], r["slot"]), r => D(r["price_eur_per_mwh"]));
        Assert.Equal(prices.Count, dlmp.Count);
        foreach (var row in dlmp)
        {
            var total = D(row["total"]);
            // Each value is rounded to 6 decimals on its own, so the sum may differ from the total by a few 1e-6.
            Assert.Equal(total, D(row["energy"]) + D(row["losses"]) + D(row["congestion"]) + D(row["voltage"]), 5e-6);
            Assert.Equal(prices[(row["bus"], row["slot"])], total, tolerance);
            // The energy component is the price of the slack bus "0" (the substation) in the same slot.
            Assert.Equal(prices[("0", row["slot"])], D(row["energy"]), tolerance);
        }

        return dlmp;
    }

    [Fact]
    public void LinDistFlow_WritesDlmpCsv_WhoseComponentsAddUpToThePrices()
    {
        var (summary, folder) = Run(TightTiny(), "lindistflow", Path.Combine(_dir, "ldf"));

        var dlmp = CheckDlmpAgainstPrices(folder, 1e-6);
        Assert.Equal(3 * 4, dlmp.Count);
        // The tightened limits bind: somewhere the line (congestion) and the voltage cap (voltage) move the price.
        Assert.Contains(dlmp, r => Math.Abs(D(r["congestion"])) > 1);
        Assert.Contains(dlmp, r => Math.Abs(D(r["voltage"])) > 1);
        // The slack bus has no component but energy.
        Assert.All(dlmp.Where(r => r["bus"] == "0"), r => Assert.Equal(0, Math.Abs(D(r["congestion"])) + Math.Abs(D(r["voltage"])) + Math.Abs(D(r["losses"])), 1e-9));

        var s = summary.GetProperty("dlmp");
        Assert.Equal("dlmp.csv", s.GetProperty("file").GetString());
        Assert.Equal(4, s.GetProperty("slots").GetInt32());
        foreach (var (field, column) in new[] { ("total_eur_per_mwh", "total"), ("energy_eur_per_mwh", "energy"), ("losses_eur_per_mwh", "losses"), ("congestion_eur_per_mwh", "congestion"), ("voltage_eur_per_mwh", "voltage") })
        {
            var values = dlmp.Select(r => D(r[column])).ToList();
            Assert.Equal(values.Min(), s.GetProperty(field).GetProperty("min").GetDouble(), 1e-6);
            Assert.Equal(values.Max(), s.GetProperty(field).GetProperty("max").GetDouble(), 1e-6);
        }

        // LinDistFlow is no relaxation: no exactness file or field.
        Assert.False(File.Exists(Path.Combine(folder, "soc_exactness.csv")));
        Assert.False(summary.TryGetProperty("soc_exactness", out _));
    }

    [NativeFact(NativeLibraries.Klu, NativeLibraries.Ipopt)]
    public void Soc_WritesTheConeGapPerLine_ConsistentWithTheFlows()
    {
        var (summary, folder) = Run(TightTiny(), "soc", Path.Combine(_dir, "soc"));

        // The SOC decomposition (with its loss component) also adds up to the prices (interior-point duals: 1e-5).
        var dlmp = CheckDlmpAgainstPrices(folder, 1e-5);
        Assert.Contains(dlmp, r => r["bus"] != "0" && Math.Abs(D(r["losses"])) > 1e-3);

        var rows = ReadCsv(Path.Combine(folder, "soc_exactness.csv"), out var header);
        Assert.Equal("line,slot,p_mw,q_mvar,s_squared_mva2,gap_mva2,relative_gap,spurious_loss_mva,exact", header);
        Assert.Equal(2 * 4, rows.Count);
        var flows = ReadCsv(Path.Combine(folder, "grid.csv"), out _).Where(r => r["quantity"] == "p_from_mw").ToDictionary(r => (r["element"], r["slot"]), r => D(r["value"]));
        foreach (var row in rows)
        {
            double p = D(row["p_mw"]), q = D(row["q_mvar"]), s2 = D(row["s_squared_mva2"]), gap = D(row["gap_mva2"]);
            // The gap is (v_f/τ²)·ℓ − P² − Q², recomputed from the row's own flows.
            Assert.Equal(s2 - (p * p) - (q * q), gap, 1e-15);
            // A relaxation: the cone holds, up to the interior-point solver's feasibility tolerance (1e-8 p.u.² on 1 MVA).
            Assert.True(gap >= -1e-7, $"{row["line"]} slot {row["slot"]}: gap {gap}");
            Assert.True(s2 >= 0);
            // The lines have no shunt conductance, so the series flow is the from-end flow of grid.csv (6 decimals).
            Assert.Equal(flows[(row["line"], row["slot"])], p, 1e-6);
        }

        var s = summary.GetProperty("soc_exactness");
        Assert.Equal("soc_exactness.csv", s.GetProperty("file").GetString());
        var worst = rows.MaxBy(r => D(r["relative_gap"]))!;
        Assert.Equal(D(worst["relative_gap"]), s.GetProperty("max_relative_gap").GetDouble(), 1e-12);
        Assert.Equal(worst["line"], s.GetProperty("worst_line").GetString());
        Assert.Equal(int.Parse(worst["slot"], Inv), s.GetProperty("worst_slot").GetInt32());
        Assert.Equal(rows.Max(r => Math.Abs(D(r["gap_mva2"]))), s.GetProperty("max_abs_gap_mva2").GetDouble(), 1e-15);
        Assert.Equal(rows.Count(r => r["exact"] == "false"), s.GetProperty("inexact_count").GetInt32());
        Assert.Equal(rows.All(r => r["exact"] == "true"), s.GetProperty("exact").GetBoolean());
    }

    [Fact]
    public void CopperPlate_WritesNeitherFile_NorTheFields()
    {
        var (summary, folder) = Run(RepoPaths.InRepo("examples", "tiny", "scenario.json"), "copperplate", Path.Combine(_dir, "cp"));

        Assert.True(File.Exists(Path.Combine(folder, "prices.csv")));
        Assert.False(File.Exists(Path.Combine(folder, "dlmp.csv")));
        Assert.False(File.Exists(Path.Combine(folder, "soc_exactness.csv")));
        Assert.False(summary.TryGetProperty("dlmp", out _));
        Assert.False(summary.TryGetProperty("soc_exactness", out _));
    }
}
