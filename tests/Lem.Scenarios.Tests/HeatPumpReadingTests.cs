using System.Text.Json.Nodes;
using Lem.Markets.Assets;
using Lem.Testing;

namespace Lem.Scenarios.Tests;

/// <summary>Reading <c>heat_pump</c> assets (docs/scenario-format.md#heat-pumps); bad input is covered by Fixtures/bad/42–45.</summary>
public sealed class HeatPumpReadingTests
{
    [Fact]
    public void Read_OutdoorTemperature_DerivesTheCopAndAppliesTheDefaults()
    {
        var r = Load(new JsonObject
        {
            ["type"] = "heat_pump",
            ["id"] = "hp",
            ["max_power_kw"] = 3,
            ["outdoor_temperature_c"] = new JsonArray(-7, 2, 10, 30),
            ["supply_temperature_c"] = 35,
            ["storage_capacity_kwh"] = 12,
            ["initial_energy_kwh"] = 6,
            ["thermal_demand_kw"] = 2,
        });

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var hp = Assert.IsType<HeatPump>(Assert.Single(r.Scenario!.Participants[0].Assets));
        double[] outdoor = [-7, 2, 10, 30];
        for (var t = 0; t < 4; t++)
        {
            // η = 0.45 of the Carnot COP (35 + 273.15)/(35 − T_o), capped at 7.
            Approx.Equal(Math.Min(7, 0.45 * 308.15 / (35 - outdoor[t])), hp.Cop[t], 1e-12, what: $"COP {t}");
        }

        Assert.Equal(0, hp.MinPower.Kw);
        Assert.Equal(0, hp.ComfortMin.Kwh);
        Assert.Equal(12, hp.ComfortMax.Kwh);
        Assert.Equal(6, hp.FinalEnergyMin.Kwh);
        Assert.Equal(0, hp.StandingLossPerHour);
        Assert.Equal([2.0, 2, 2, 2], hp.ThermalDemandKw.Values);
    }

    [Fact]
    public void Read_FinalHeatOutOfReach_IsAComfortError()
    {
        // 1 kW at COP 2 adds 2 kWh_th per hour against 2 kW_th of demand: the store stays at 6, below the final 8.
        var r = Load(new JsonObject
        {
            ["type"] = "heat_pump",
            ["id"] = "hp",
            ["max_power_kw"] = 1,
            ["cop"] = 2,
            ["storage_capacity_kwh"] = 12,
            ["initial_energy_kwh"] = 6,
            ["final_energy_min_kwh"] = 8,
            ["thermal_demand_kw"] = 2,
        });

        var e = Assert.Single(r.Errors);
        Assert.Equal(("$.participants[0].assets[0].final_energy_min_kwh", HeatPumpKind.ComfortUnreachable), (e.Path, e.Code));
        Assert.Contains("at most 6 kWh_th at the end of the horizon, below its final stored heat of 8 kWh_th", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownAssetType_ListsEveryRegisteredType()
    {
        var r = Load(new JsonObject { ["type"] = "heatpump", ["id"] = "hp" });

        var e = Assert.Single(r.Errors);
        Assert.Equal("$.participants[0].assets[0].type", e.Path);
        Assert.All(AssetKinds.TypeNames, n => Assert.Contains(n, e.Message, StringComparison.Ordinal));
    }

    private static ScenarioLoadResult Load(JsonObject asset) => SingleAssetScenario.Load(asset, "hp");
}
