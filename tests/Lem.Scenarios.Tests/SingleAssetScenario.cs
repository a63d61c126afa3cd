using System.Text;
using System.Text.Json.Nodes;

namespace Lem.Scenarios.Tests;

/// <summary>Reads a four-hour scenario whose one participant holds one asset, for reading tests of asset kinds.</summary>
internal static class SingleAssetScenario
{
    /// <summary>Parses the scenario around <paramref name="asset"/>, owned by a participant of <paramref name="role"/>.</summary>
    public static ScenarioLoadResult Load(JsonObject asset, string name, string role = "consumer")
    {
        var scenario = new JsonObject
        {
            ["format_version"] = 1,
            ["name"] = name,
            ["horizon"] = new JsonObject { ["time_zone"] = "UTC", ["start"] = "2026-01-15T00:00", ["end"] = "2026-01-15T04:00", ["slot_minutes"] = 60 },
            ["outside_market"] = new JsonObject
            {
                ["wholesale_import_eur_per_mwh"] = 100,
                ["wholesale_export_eur_per_mwh"] = 50,
                ["retail_eur_per_kwh"] = 0.3,
                ["feed_in_eur_per_kwh"] = 0.08,
            },
            ["participants"] = new JsonArray(new JsonObject { ["id"] = "home", ["role"] = role, ["assets"] = new JsonArray(asset) }),
        };
        return ScenarioReader.Parse(Encoding.UTF8.GetBytes(scenario.ToJsonString()), Path.GetTempPath());
    }
}
