using System.Text.Json.Nodes;
using Lem.Domain.Validation;
using Lem.Markets.Assets;

namespace Lem.Scenarios.Tests;

/// <summary>Reading a battery's end-of-horizon option (docs/scenario-format.md, docs/mechanisms/pool.md#storage-at-the-horizons-end).</summary>
public sealed class BatteryEndOfHorizonReadingTests
{
    private const string AssetPath = "$.participants[0].assets[0]";

    [Fact]
    public void Read_Cyclic_SetsTheFlagAndTheInitialSocAsMinimum()
    {
        var r = Load(Battery(("cyclic", true)));

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var b = Assert.IsType<Battery>(Assert.Single(r.Scenario!.Participants[0].Assets));
        Assert.True(b.Cyclic);
        Assert.Equal(4, b.TerminalSocMin.Kwh);
        Assert.Equal(0, b.TerminalValue.EurPerMwh);
    }

    [Fact]
    public void Read_TerminalValue_DropsTheMinimumToSocMin()
    {
        var r = Load(Battery(("terminal_value_eur_per_mwh", 85)));

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var b = Assert.IsType<Battery>(Assert.Single(r.Scenario!.Participants[0].Assets));
        Assert.False(b.Cyclic);
        Assert.Equal(85, b.TerminalValue.EurPerMwh);
        Assert.Equal(1, b.TerminalSocMin.Kwh);
    }

    [Fact]
    public void Read_CyclicFalseWithAMinimum_IsValid()
    {
        var r = Load(Battery(("cyclic", false), ("terminal_soc_min_kwh", 6)));

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var b = Assert.IsType<Battery>(Assert.Single(r.Scenario!.Participants[0].Assets));
        Assert.Equal((false, 6.0), (b.Cyclic, b.TerminalSocMin.Kwh));
    }

    [Theory]
    [InlineData("terminal_soc_min_kwh", "cyclic", "cyclic")]
    [InlineData("terminal_soc_min_kwh", "terminal_value_eur_per_mwh", "terminal_value_eur_per_mwh")]
    [InlineData("cyclic", "terminal_value_eur_per_mwh", "terminal_value_eur_per_mwh")]
    public void Read_TwoEndOfHorizonOptions_IsAnErrorAtTheSecond(string first, string second, string errorField)
    {
        var r = Load(Battery((first, Value(first)), (second, Value(second))));

        var e = Assert.Single(r.Errors);
        Assert.Equal(($"{AssetPath}.{errorField}", ValidationCodes.ValueInvalid), (e.Path, e.Code));
        Assert.Contains("Give at most one of terminal_soc_min_kwh", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeTerminalValue_IsOutOfRange()
    {
        var r = Load(Battery(("terminal_value_eur_per_mwh", -5)));

        var e = Assert.Single(r.Errors);
        Assert.Equal(($"{AssetPath}.terminal_value_eur_per_mwh", ValidationCodes.ValueOutOfRange), (e.Path, e.Code));
    }

    [Fact]
    public void Read_CyclicNotABoolean_IsATypeError()
    {
        var r = Load(Battery(("cyclic", "yes")));

        var e = Assert.Single(r.Errors);
        Assert.Equal(($"{AssetPath}.cyclic", ValidationCodes.FieldType), (e.Path, e.Code));
    }

    private static JsonNode Value(string field) => field switch
    {
        "cyclic" => JsonValue.Create(true),
        "terminal_soc_min_kwh" => JsonValue.Create(5),
        _ => JsonValue.Create(60),
    };

    private static JsonObject Battery(params (string Name, JsonNode? Value)[] extra)
    {
        var o = new JsonObject
        {
            ["type"] = "battery",
            ["id"] = "bat",
            ["capacity_kwh"] = 10,
            ["max_charge_kw"] = 5,
            ["max_discharge_kw"] = 5,
            ["charge_efficiency"] = 0.95,
            ["discharge_efficiency"] = 0.95,
            ["soc_min_kwh"] = 1,
            ["initial_soc_kwh"] = 4,
        };
        foreach (var (name, value) in extra)
        {
            o[name] = value;
        }

        return o;
    }

    private static ScenarioLoadResult Load(JsonObject asset) => SingleAssetScenario.Load(asset, "bat", "storage_owner");
}
