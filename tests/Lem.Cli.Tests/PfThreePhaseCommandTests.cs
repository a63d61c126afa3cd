using System.Globalization;
using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// <c>lem pf</c> on three-phase networks (docs/three-phase.md, "lem pf on three phases"): the IEEE European LV CSV
/// package solved per phase with the JSON field names of issue 19, the time series CSV, the options' errors, and the
/// asymmetric pandapower networks solved on three phases (never balanced silently).
/// </summary>
public sealed class PfThreePhaseCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-pf3-").FullName;

    private static string Package => Path.Combine(RepoPaths.Shared, "data", "threephase", "ieee_eu_lv", "European_LV_CSV");

    private static string Solution => Path.Combine(RepoPaths.Shared, "data", "threephase", "ieee_eu_lv", "solutions_t1", "opendss_t1_voltages.csv");

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// The JSON of minute 1: converged, iterations, buses[{id, phases[{phase, vm_v, vm_pu, va_degree}], vuf_percent}],
    /// branches[{id, phases[{phase, i_a, p_kw, q_kvar}], loading_percent}], losses_kw; magnitudes against the
    /// published OpenDSS solution, pu on the 416 V / √3 base, losses the sum of the branches'.
    /// </summary>
    [SharedFact(NativeLibraries.Klu)]
    public void Json_has_the_three_phase_fields_and_the_published_voltages()
    {
        var (exit, output, err) = CliRunner.Run("pf", Package, "--minute", "1", "--format", "json");
        Assert.True(exit == 0, output + err);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.True(r.GetProperty("converged").GetBoolean());
        Assert.InRange(r.GetProperty("iterations").GetInt32(), 1, 100);
        Assert.Equal(3, r.GetProperty("phases").GetInt32());
        var buses = r.GetProperty("buses").EnumerateArray().ToDictionary(b => b.GetProperty("id").ToString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(907, buses.Count);
        foreach (var cells in File.ReadLines(Solution).Skip(1).Select(l => l.Split(',')))
        {
            var bus = buses[cells[0]];
            var phases = bus.GetProperty("phases").EnumerateArray().ToList();
            Assert.Equal(["a", "b", "c"], phases.Select(p => p.GetProperty("phase").GetString()));
            Assert.InRange(bus.GetProperty("vuf_percent").GetDouble(), 0, 100);
            for (var k = 0; k < 3; k++)
            {
                var published = double.Parse(cells[3 + (4 * k)], CultureInfo.InvariantCulture);
                Assert.Equal(published, phases[k].GetProperty("vm_v").GetDouble(), 0.01);
                Assert.True(phases[k].TryGetProperty("va_degree", out _));
                if (!cells[0].Equals("SOURCEBUS", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Equal(phases[k].GetProperty("vm_v").GetDouble() / (416 / Math.Sqrt(3)), phases[k].GetProperty("vm_pu").GetDouble(), 1e-9);
                }
            }
        }

        var branches = r.GetProperty("branches").EnumerateArray().ToList();
        Assert.Equal(906, branches.Count);
        foreach (var branch in branches)
        {
            Assert.True(branch.TryGetProperty("id", out _));
            Assert.True(branch.TryGetProperty("loading_percent", out _));
            foreach (var phase in branch.GetProperty("phases").EnumerateArray())
            {
                Assert.InRange(phase.GetProperty("i_a").GetDouble(), 0, 1e4);
                Assert.True(phase.TryGetProperty("p_kw", out _));
                Assert.True(phase.TryGetProperty("q_kvar", out _));
            }
        }

        Assert.Equal(branches.Sum(b => b.GetProperty("losses_kw").GetDouble()), r.GetProperty("losses_kw").GetDouble(), 1e-9);
    }

    /// <summary>The time series writes one CSV row per minute; its first row's lowest phase-a voltage is the snapshot's of minute 1.</summary>
    [SharedFact(NativeLibraries.Klu)]
    public void Time_series_writes_a_row_per_minute_matching_the_snapshots()
    {
        var (exit, output, err) = CliRunner.Run("pf", Package, "--time-series", "--from", "1", "--to", "5", "--out", _dir, "--format", "json");
        Assert.True(exit == 0, output + err);
        Assert.Equal(5, JsonDocument.Parse(output).RootElement.GetProperty("steps").GetInt32());
        var lines = File.ReadAllLines(Path.Combine(_dir, "pf3_steps.csv"));
        Assert.Equal(6, lines.Length);
        var header = lines[0].Split(',').ToList();
        Assert.Equal("minute", header[0]);
        foreach (var minute in new[] { 1, 5 })
        {
            var row = lines[minute].Split(',');
            Assert.Equal(minute.ToString(CultureInfo.InvariantCulture), row[0]);
            var (snapExit, snapshot, snapErr) = CliRunner.Run("pf", Package, "--minute", minute.ToString(CultureInfo.InvariantCulture), "--format", "json");
            Assert.True(snapExit == 0, snapshot + snapErr);
            var s = JsonDocument.Parse(snapshot).RootElement;
            var lowestA = s.GetProperty("buses").EnumerateArray().Min(b => b.GetProperty("phases")[0].GetProperty("vm_pu").GetDouble());
            Assert.Equal(lowestA, double.Parse(row[header.IndexOf("vm_min_a_pu")], CultureInfo.InvariantCulture), 1e-7);
            Assert.Equal(s.GetProperty("losses_kw").GetDouble(), double.Parse(row[header.IndexOf("losses_kw")], CultureInfo.InvariantCulture), 1e-6);
        }
    }

    /// <summary>Option mistakes are usage errors (exit 2) with a message and no stack trace.</summary>
    [SharedTheory]
    [InlineData("--minute", "1441", "1 to 1440")]
    [InlineData("--minute", "0", "1 to 1440")]
    [InlineData("--phases", "2", "'2'")]
    [InlineData("--phases", "1", "--phases 1")]
    [InlineData("--from", "3", "--time-series")]
    public void Option_mistakes_are_usage_errors(string option, string value, string said)
    {
        var (exit, output, err) = CliRunner.Run("pf", Package, option, value);
        Assert.Equal(2, exit);
        Assert.Contains(said, output + err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    /// <summary>A package missing files names every missing file at once (exit 1).</summary>
    [SharedFact]
    public void Missing_files_are_all_named()
    {
        foreach (var file in Directory.GetFiles(Package))
        {
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        }

        File.Delete(Path.Combine(_dir, "Transformer.csv"));
        File.Delete(Path.Combine(_dir, "LineCodes.csv"));
        var (exit, output, err) = CliRunner.Run("pf", _dir, "--format", "json");
        Assert.Equal(1, exit);
        var paths = JsonDocument.Parse(output).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("Transformer.csv", paths);
        Assert.Contains("LineCodes.csv", paths);
        Assert.Contains("Load_profile_1.csv", paths);
        CliRunner.AssertNoStackTrace(output + err);
    }

    /// <summary>A power-grid-model JSON case is recognised by the registered readers and solved on three phases.</summary>
    [SharedFact(NativeLibraries.Klu)]
    public void Pgm_case_is_solved_on_three_phases()
    {
        var input = Directory.GetFiles(Path.Combine(RepoPaths.Shared, "data", "threephase", "pgm"), "input.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var (exit, output, err) = CliRunner.Run("pf", input, "--format", "json");
        Assert.True(exit == 0, output + err);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, r.GetProperty("phases").GetInt32());
        Assert.True(r.GetProperty("converged").GetBoolean());
        Assert.NotEmpty(r.GetProperty("buses").EnumerateArray());
    }

    /// <summary>
    /// A pandapower network with asymmetric loads is solved on three phases by default (never balanced silently), and
    /// agrees with the three-phase result pandapower stored in the same file (<c>res_bus_3ph</c>); with --phases 1 it
    /// is solved balanced with a note saying so in the JSON. Measured with the transformer's zero-sequence T network
    /// (mag0_percent, si0_hv_partial; docs/three-phase.md, "Transformers"): off-peak minute 1 within 1.9e-7 pu /
    /// 1.6e-5°, minute 1440 within 2.5e-6 pu / 2.7e-4°, on-peak minute 566 within 5.7e-6 pu / 1.5e-4° (6.2e-4 pu
    /// and 0.033° without the magnetising branch).
    /// </summary>
    [SharedTheory(NativeLibraries.Klu)]
    [InlineData("ieee_european_lv_asymmetric_off_peak_1.json", 2e-6, 2e-4)]
    [InlineData("ieee_european_lv_asymmetric_off_peak_1440.json", 2e-5, 2e-3)]
    [InlineData("ieee_european_lv_asymmetric_on_peak_566.json", 2e-5, 2e-3)]
    public void Asymmetric_pandapower_network_is_solved_on_three_phases_or_balanced_by_choice(string name, double vmTolPu, double vaTolDeg)
    {
        var file = RepoPaths.Grid("pandapower", name);
        var (exit, output, err) = CliRunner.Run("pf", file, "--format", "json");
        Assert.True(exit == 0, output + err);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, r.GetProperty("phases").GetInt32());
        Assert.True(r.GetProperty("converged").GetBoolean());

        using var net = JsonDocument.Parse(File.ReadAllText(file));
        using var res = JsonDocument.Parse(net.RootElement.GetProperty("_object").GetProperty("res_bus_3ph").GetProperty("_object").GetString()!);
        var index = res.RootElement.GetProperty("index").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var data = res.RootElement.GetProperty("data").EnumerateArray().ToArray();
        var ours = r.GetProperty("buses").EnumerateArray().ToDictionary(b => b.GetProperty("id").GetInt32());
        Assert.Equal(index.Length, ours.Count);
        var worstVm = 0.0;
        var worstVa = 0.0;
        for (var k = 0; k < index.Length; k++)
        {
            var phases = ours[index[k]].GetProperty("phases").EnumerateArray().ToArray();
            Assert.Equal(3, phases.Length);
            for (var p = 0; p < 3; p++)
            {
                worstVm = Math.Max(worstVm, Math.Abs(phases[p].GetProperty("vm_pu").GetDouble() - data[k][2 * p].GetDouble()));
                var dva = phases[p].GetProperty("va_degree").GetDouble() - data[k][(2 * p) + 1].GetDouble();
                worstVa = Math.Max(worstVa, Math.Abs(Math.IEEERemainder(dva, 360.0)));
            }
        }

        Assert.True(worstVm <= vmTolPu, $"max |ΔV| {worstVm:G3} pu against pandapower's res_bus_3ph");
        Assert.True(worstVa <= vaTolDeg, $"max |Δθ| {worstVa:G3}° against pandapower's res_bus_3ph");

        var (balancedExit, balanced, balancedErr) = CliRunner.Run("pf", file, "--phases", "1", "--format", "json");
        Assert.True(balancedExit == 0, balanced + balancedErr);
        var b1 = JsonDocument.Parse(balanced).RootElement;
        Assert.Equal(1, b1.GetProperty("phases").GetInt32());
        Assert.Contains("asymmetric", b1.GetProperty("balanced_note").GetString(), StringComparison.Ordinal);
    }
}
