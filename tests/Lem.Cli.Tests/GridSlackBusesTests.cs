using System.Globalization;
using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>lem grid</c> prints the number of slack buses, then their ids (<c>Slack buses: 1 (id 1)</c>).</summary>
public sealed class GridSlackBusesTests
{
    /// <summary>The ids of the MATPOWER file's reference buses (type 3), read from its <c>mpc.bus</c> rows.</summary>
    private static List<string> MatpowerSlackIds(string path)
    {
        var ids = new List<string>();
        var inBus = false;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Split('%')[0].Trim();
            if (line.StartsWith("mpc.bus", StringComparison.Ordinal) && line.Contains('[', StringComparison.Ordinal))
            {
                inBus = true;
                continue;
            }

            if (!inBus)
            {
                continue;
            }

            if (line.StartsWith("];", StringComparison.Ordinal))
            {
                break;
            }

            var cells = line.TrimEnd(';').Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length > 1 && cells[1] == "3")
            {
                ids.Add(int.Parse(cells[0], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            }
        }

        return ids;
    }

    [SharedTheory]
    [InlineData("case9.m")]
    [InlineData("case33bw.m")]
    [InlineData("case118.m")]
    public void Grid_Text_SlackBuses_CountThenIds(string file)
    {
        var path = RepoPaths.Grid("matpower", file);
        var ids = MatpowerSlackIds(path);
        Assert.NotEmpty(ids);

        var (exit, output, err) = CliRunner.Run("grid", path);

        Assert.True(exit == 0, output + err);
        var expected = $"Slack buses: {ids.Count} (id{(ids.Count == 1 ? string.Empty : "s")} {string.Join(", ", ids)})";
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_Text_VillageGrid_OneSlackAtItsExternalGridBus()
    {
        var path = RepoPaths.InRepo("examples", "village", "kerber_dorfnetz.json");
        using var net = JsonDocument.Parse(File.ReadAllText(path));
        // pandapower stores each table as a DataFrame JSON string; the external grid's bus is its "bus" column.
        using var extGrid = JsonDocument.Parse(net.RootElement.GetProperty("_object").GetProperty("ext_grid").GetProperty("_object").GetString()!);
        var busColumn = Array.IndexOf(extGrid.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToArray(), "bus");
        var slackBus = extGrid.RootElement.GetProperty("data").EnumerateArray().Single()[busColumn].GetInt32();

        var (exit, output, err) = CliRunner.Run("grid", path);

        Assert.True(exit == 0, output + err);
        Assert.Contains($"Slack buses: 1 (id {slackBus})", output, StringComparison.Ordinal);
    }
}
