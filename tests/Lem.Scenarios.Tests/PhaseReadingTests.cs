using System.Text;
using System.Text.Json.Nodes;

namespace Lem.Scenarios.Tests;

/// <summary>The participants' <c>phase</c> (docs/scenario-format.md#participants): read, and bad values reported with their paths at once.</summary>
public sealed class PhaseReadingTests
{
    [Fact]
    public void Phases_are_read_and_a_missing_phase_stays_null()
    {
        var r = Load(("home", "1", "b"), ("farm", "1", null));

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        Assert.Equal("b", r.Scenario!.Participants.Single(p => p.Id.Value == "home").Phase);
        Assert.Null(r.Scenario.Participants.Single(p => p.Id.Value == "farm").Phase);
    }

    [Fact]
    public void An_unknown_phase_and_a_phase_without_a_bus_are_both_reported_with_their_paths()
    {
        var r = Load(("home", "1", "d"), ("farm", null, "a"));

        Assert.False(r.IsValid);
        var paths = r.Errors.Select(e => e.Path).ToList();
        Assert.Contains("$.participants[0].phase", paths);
        Assert.Contains("$.participants[1].phase", paths);
    }

    private static ScenarioLoadResult Load(params (string Id, string? Bus, string? Phase)[] participants)
    {
        var list = new JsonArray();
        foreach (var (id, bus, phase) in participants)
        {
            var p = new JsonObject
            {
                ["id"] = id,
                ["role"] = "consumer",
                ["assets"] = new JsonArray(new JsonObject { ["type"] = "inflexible_load", ["id"] = $"{id}-load", ["demand_kw"] = 2 }),
            };
            if (bus is not null)
            {
                p["bus"] = bus;
            }

            if (phase is not null)
            {
                p["phase"] = phase;
            }

            list.Add(p);
        }

        var scenario = new JsonObject
        {
            ["format_version"] = 1,
            ["name"] = "phases",
            ["horizon"] = new JsonObject { ["time_zone"] = "UTC", ["start"] = "2026-01-15T00:00", ["end"] = "2026-01-15T02:00", ["slot_minutes"] = 60 },
            ["outside_market"] = new JsonObject
            {
                ["wholesale_import_eur_per_mwh"] = 100,
                ["wholesale_export_eur_per_mwh"] = 50,
                ["retail_eur_per_kwh"] = 0.3,
                ["feed_in_eur_per_kwh"] = 0.08,
            },
            ["grid"] = JsonNode.Parse("""
                {
                  "buses": [ { "id": "0", "vn_kv": 0.4, "slack": true }, { "id": "1", "vn_kv": 0.4 } ],
                  "lines": [ { "id": "L01", "from_bus": "0", "to_bus": "1", "length_km": 0.1, "r_ohm_per_km": 0.2, "x_ohm_per_km": 0.08 } ]
                }
                """),
            ["participants"] = list,
        };
        return ScenarioReader.Parse(Encoding.UTF8.GetBytes(scenario.ToJsonString()), Path.GetTempPath());
    }
}
