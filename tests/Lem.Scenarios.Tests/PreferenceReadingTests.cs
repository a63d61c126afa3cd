using System.Text;
using System.Text.Json.Nodes;
using Lem.Domain.Participants;
using Lem.Domain.Validation;

namespace Lem.Scenarios.Tests;

/// <summary>The participants' <c>preferences</c> (docs/scenario-format.md#preferences): read, and every problem reported with its path at once.</summary>
public sealed class PreferenceReadingTests
{
    private static ScenarioLoadResult Load(JsonArray homePreferences)
    {
        var scenario = new JsonObject
        {
            ["format_version"] = 1,
            ["name"] = "preferences",
            ["horizon"] = new JsonObject { ["time_zone"] = "UTC", ["start"] = "2026-01-15T00:00", ["end"] = "2026-01-15T02:00", ["slot_minutes"] = 60 },
            ["outside_market"] = new JsonObject
            {
                ["wholesale_import_eur_per_mwh"] = 100,
                ["wholesale_export_eur_per_mwh"] = 50,
                ["retail_eur_per_kwh"] = 0.3,
                ["feed_in_eur_per_kwh"] = 0.08,
            },
            ["participants"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "home",
                    ["role"] = "consumer",
                    ["assets"] = new JsonArray(new JsonObject { ["type"] = "inflexible_load", ["id"] = "home-load", ["demand_kw"] = 2 }),
                    ["preferences"] = homePreferences,
                },
                new JsonObject
                {
                    ["id"] = "farm",
                    ["role"] = "producer",
                    ["assets"] = new JsonArray(new JsonObject { ["type"] = "pv", ["id"] = "farm-pv", ["capacity_kw"] = 5, ["available_kw"] = 3 }),
                }),
        };
        return ScenarioReader.Parse(Encoding.UTF8.GetBytes(scenario.ToJsonString()), Path.GetTempPath());
    }

    [Fact]
    public void Valid_preferences_are_read_with_their_classes_premiums_distances_and_partners()
    {
        var r = Load(new JsonArray(
            new JsonObject { ["class"] = "local", ["premium_eur_per_mwh"] = 20, ["max_distance_pu"] = 0.5 },
            new JsonObject { ["class"] = "green", ["premium_eur_per_mwh"] = 12.5 },
            new JsonObject { ["class"] = "partners", ["premium_eur_per_mwh"] = 0, ["partners"] = new JsonArray("farm") }));
        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var p = r.Scenario!.Participants.Single(x => x.Id.Value == "home").Preferences;
        Assert.Equal([PreferenceClass.Local, PreferenceClass.Green, PreferenceClass.Partners], p.Select(x => x.Class));
        Assert.Equal([20m, 12.5m, 0m], p.Select(x => x.PremiumEurPerMwh));
        Assert.Equal(0.5, p[0].MaxDistancePu);
        Assert.Null(p[1].MaxDistancePu);
        Assert.Equal("farm", Assert.Single(p[2].Partners).Value);
        Assert.Empty(r.Scenario.Participants.Single(x => x.Id.Value == "farm").Preferences);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once_with_its_path()
    {
        var r = Load(new JsonArray(
            new JsonObject { ["class"] = "cheap", ["premium_eur_per_mwh"] = 5 },
            new JsonObject { ["class"] = "green", ["premium_eur_per_mwh"] = -3 },
            new JsonObject { ["class"] = "local", ["premium_eur_per_mwh"] = "NaN" },
            new JsonObject { ["class"] = "partners", ["premium_eur_per_mwh"] = 5, ["partners"] = new JsonArray("farm", "nobody", "home") },
            new JsonObject { ["class"] = "green", ["premium_eur_per_mwh"] = 5, ["max_distance_pu"] = 1, ["partners"] = new JsonArray("farm") },
            new JsonObject { ["class"] = "local", ["premium_eur_per_mwh"] = 5, ["max_distance_pu"] = -1, ["premium"] = 3 },
            new JsonObject { ["class"] = "partners", ["premium_eur_per_mwh"] = 5 }));
        const string P = "$.participants[0].preferences";
        Assert.Equal(
            new[]
            {
                ($"{P}[0].class", ValidationCodes.ValueInvalid),
                ($"{P}[1].premium_eur_per_mwh", ValidationCodes.ValueOutOfRange),
                ($"{P}[2].premium_eur_per_mwh", ValidationCodes.ValueNotFinite),
                ($"{P}[3].partners[2]", ValidationCodes.ValueInvalid),
                ($"{P}[4].max_distance_pu", ValidationCodes.ValueInvalid),
                ($"{P}[4].partners", ValidationCodes.ValueInvalid),
                ($"{P}[5].max_distance_pu", ValidationCodes.ValueOutOfRange),
                ($"{P}[5].premium", ValidationCodes.FieldUnknown),
                ($"{P}[6].partners", ValidationCodes.FieldMissing),
                ($"{P}[3].partners[1]", ValidationCodes.UnknownParticipant),
            }.Order(),
            r.Errors.Select(e => (e.Path, e.Code)).Order());
    }

    [Fact]
    public void A_preference_that_is_not_an_object_is_a_type_error()
    {
        var r = Load(new JsonArray(JsonValue.Create("local")));
        var e = Assert.Single(r.Errors);
        Assert.Equal(("$.participants[0].preferences[0]", ValidationCodes.FieldType), (e.Path, e.Code));
    }
}
