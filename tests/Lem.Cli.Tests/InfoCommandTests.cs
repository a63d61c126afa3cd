using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

public sealed class InfoCommandTests
{
    [Fact]
    public void Info_Json_OnTiny_SummarisesRolesAssetsAndGrid()
    {
        var (exit, output, err) = CliRunner.Run("info", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--format", "json");

        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("participants").GetInt32());
        Assert.Equal(2, root.GetProperty("participants_by_role").GetProperty("consumer").GetInt32());
        Assert.Equal(2, root.GetProperty("participants_by_role").GetProperty("prosumer").GetInt32());
        Assert.Equal(2, root.GetProperty("assets_by_kind").GetProperty("pv").GetInt32());
        Assert.Equal(4, root.GetProperty("horizon").GetProperty("slots").GetInt32());
        Assert.Equal(3, root.GetProperty("grid").GetProperty("buses").GetInt32());
        Approx.Equal(10.4, root.GetProperty("demand_kwh").GetDouble(), 1e-9);
    }

    [Fact]
    public void Info_Text_OnVillage_ShowsHorizonRolesAndGrid()
    {
        var (exit, output, err) = CliRunner.Run("info", RepoPaths.InRepo("examples", "village", "scenario.json"));

        Assert.True(exit == 0, output + err);
        Assert.Contains("96 slots of 15 min", output, StringComparison.Ordinal);
        Assert.Contains("prosumer", output, StringComparison.Ordinal);
        Assert.Contains("116 buses", output, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_Json_OnVillage_ReportsTheHeatPumpsHeatDemand()
    {
        var (exit, output, err) = CliRunner.Run("info", RepoPaths.InRepo("examples", "village", "scenario.json"), "--format", "json");
        Assert.True(exit == 0, output + err);

        // The reference: the heat pumps' demand columns of profiles.csv, read here as plain text, times the 15-minute slot.
        using var scenario = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("examples", "village", "scenario.json")));
        var columns = scenario.RootElement.GetProperty("participants").EnumerateArray()
            .SelectMany(p => p.TryGetProperty("assets", out var a) ? a.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(a => a.GetProperty("type").GetString() == "heat_pump")
            .Select(a => a.GetProperty("thermal_demand_kw").GetProperty("column").GetString()!)
            .ToList();
        Assert.Equal(4, columns.Count);
        var lines = File.ReadAllLines(RepoPaths.InRepo("examples", "village", "profiles.csv"));
        var header = lines[0].Split(',');
        var expected = lines.Skip(1).Where(l => l.Length > 0).Sum(l =>
        {
            var cells = l.Split(',');
            return columns.Sum(c => double.Parse(cells[Array.IndexOf(header, c)], System.Globalization.CultureInfo.InvariantCulture)) * 0.25;
        });

        using var doc = JsonDocument.Parse(output);
        Approx.Equal(expected, doc.RootElement.GetProperty("heat_pump_thermal_demand_kwh").GetDouble(), 1e-9);
        Assert.True(expected > 0);
    }

    [Fact]
    public void Info_OnBadScenario_ExitsOne_AndListsProblems()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Fixtures", "bad", "13-unknown-bus.json");
        var (exit, output, err) = CliRunner.Run("info", file);
        Assert.Equal(1, exit);
        Assert.Contains("ref.unknown_bus", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }
}
