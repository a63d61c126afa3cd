using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// <c>lem pf</c> and <c>lem run</c> report one row per bus of the user's network, buses merged by closed bus-bus
/// switches included, in the network's ids (docs/power-flow.md, "Buses merged by switches").
/// </summary>
public sealed class EveryBusReportedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-buses-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> PandapowerNetworks() => Lem.Testing.PandapowerNetworks.Files();

    [SharedTheory(NativeLibraries.Klu)]
    [MemberData(nameof(PandapowerNetworks))]
    public void Pf_reports_as_many_buses_as_the_network_has_in_its_ids(string file)
    {
        var path = RepoPaths.Grid("pandapower", file);

        var (exit, output, err) = CliRunner.Run("pf", path, "--format", "json");

        Assert.True(exit == 0, output + err);
        var ids = JsonDocument.Parse(output).RootElement.GetProperty("buses").EnumerateArray().Select(b => b.GetProperty("id")).Select(id => id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText()).ToList();
        // The reference is the file's bus table index, read here without the importer (numeric ids are written as JSON numbers).
        Assert.Equal(Lem.Testing.PandapowerNetworks.BusTableIndex(path), ids);
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Run_lists_merged_buses_in_prices_and_grid_csv_at_their_groups_values()
    {
        // Feeder 0 - 1 - 2 with bus 3 switched onto bus 2 (closed bus-bus switch); Clara and Dora sit on bus 3.
        var grid = PandapowerJson.Build(
            1.0,
            ("bus", ["name", "vn_kv", "in_service"], [["a", 0.4, true], ["b", 0.4, true], ["c", 0.4, true], ["d", 0.4, true]]),
            ("ext_grid", ["bus", "vm_pu", "va_degree", "in_service"], [[0, 1.0, 0.0, true]]),
            ("line", ["from_bus", "to_bus", "length_km", "r_ohm_per_km", "x_ohm_per_km", "c_nf_per_km", "g_us_per_km", "max_i_ka", "df", "parallel", "in_service"],
            [
                [0, 1, 0.15, 0.206, 0.08, 0.0, 0.0, 0.27, 1.0, 1, true],
                [1, 2, 0.10, 0.642, 0.083, 0.0, 0.0, 0.142, 1.0, 1, true],
            ]),
            ("switch", ["bus", "element", "et", "closed"], [[2, 3, "b", true]]));
        File.WriteAllText(Path.Combine(_dir, "grid.json"), grid);
        var scenario = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("examples", "tiny", "scenario.json"))).RootElement;
        var text = File.ReadAllText(RepoPaths.InRepo("examples", "tiny", "scenario.json"))
            .Replace(scenario.GetProperty("grid").GetRawText(), """{ "file": "grid.json" }""", StringComparison.Ordinal)
            .Replace("\"bus\": \"2\"", "\"bus\": \"3\"", StringComparison.Ordinal)
            .Replace("../../docs/", "../docs/", StringComparison.Ordinal);
        Assert.Contains("\"bus\": \"3\"", text, StringComparison.Ordinal);
        var path = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(path, text);
        var outDir = Path.Combine(_dir, "out");

        var (exit, output, err) = CliRunner.Run("run", path, "--mechanism", "pool", "--grid", "lindistflow", "--out", outDir, "--format", "json");

        Assert.True(exit == 0, output + err);
        var prices = Rows(Path.Combine(outDir, "prices.csv"));
        Assert.All(prices.GroupBy(r => r[0]), slot => Assert.Equal(["0", "1", "2", "3"], slot.Select(r => r[2]).ToArray()));
        Assert.All(prices.GroupBy(r => r[0]), slot => Assert.Equal(slot.Single(r => r[2] == "2")[3], slot.Single(r => r[2] == "3")[3]));
        var voltages = Rows(Path.Combine(outDir, "grid.csv")).Where(r => r[2] == "vm_pu").ToList();
        Assert.All(voltages.GroupBy(r => r[0]), slot => Assert.Equal(["0", "1", "2", "3"], slot.Select(r => r[3]).ToArray()));
        Assert.All(voltages.GroupBy(r => r[0]), slot => Assert.Equal(slot.Single(r => r[3] == "2")[4], slot.Single(r => r[3] == "3")[4]));

        // dlmp.csv (bus, slot, total, energy, losses, congestion, voltage): every bus too, the merged one with its group's decomposition.
        var dlmps = Rows(Path.Combine(outDir, "dlmp.csv"));
        Assert.Equal(prices.Select(r => r[0]).Distinct().Count(), dlmps.Select(r => r[1]).Distinct().Count());
        Assert.All(dlmps.GroupBy(r => r[1]), slot => Assert.Equal(["0", "1", "2", "3"], slot.Select(r => r[0]).ToArray()));
        Assert.All(dlmps.GroupBy(r => r[1]), slot => Assert.Equal(slot.Single(r => r[0] == "2")[2..], slot.Single(r => r[0] == "3")[2..]));
    }

    private static List<string[]> Rows(string csv) => [.. File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))];
}
