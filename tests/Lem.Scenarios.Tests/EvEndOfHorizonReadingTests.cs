using System.Text.Json.Nodes;
using Lem.Domain.Validation;
using Lem.Markets.Assets;

namespace Lem.Scenarios.Tests;

/// <summary>
/// Reading an EV's terminal value of stored energy (docs/scenario-format.md,
/// docs/mechanisms/pool.md#electric-vehicles-at-the-horizons-end). The horizon is 00:00–04:00 UTC.
/// </summary>
public sealed class EvEndOfHorizonReadingTests
{
    private const string AssetPath = "$.participants[0].assets[0]";

    [Fact]
    public void Read_TerminalValueWithADepartureAfterTheHorizon_HoldsWhatStillReachesTheRequirement()
    {
        // Departure 07:00, 3 h after the horizon's end: 0.92 · 3.7 kW · 3 h = 10.212 kWh can still be charged then,
        // so of the 39.6 kWh required 39.6 − 10.212 = 29.388 kWh must be held at 04:00.
        var r = Load(Ev(("departure", "2026-01-15T07:00"), ("terminal_value_eur_per_mwh", 86)));

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var ev = Assert.IsType<ElectricVehicle>(Assert.Single(r.Scenario!.Participants[0].Assets));
        Assert.Equal(86, ev.TerminalValue!.Value.EurPerMwh);
        Assert.Equal(29.388, ev.RequiredAtHorizonEnd(r.Scenario.Horizon.End).Kwh, 9);
    }

    [Fact]
    public void Read_NoTerminalValue_HoldsTheWholeRequirementAtTheHorizonsEnd()
    {
        var r = Load(Ev(("departure", "2026-01-15T07:00")));

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var ev = Assert.IsType<ElectricVehicle>(Assert.Single(r.Scenario!.Participants[0].Assets));
        Assert.Null(ev.TerminalValue);
        Assert.Equal(39.6, ev.RequiredAtHorizonEnd(r.Scenario.Horizon.End).Kwh, 9);
    }

    [Fact]
    public void Read_TerminalValueWithADepartureWithinTheHorizon_IsAnErrorAtTheField()
    {
        var r = Load(Ev(("departure", "2026-01-15T03:00"), ("terminal_value_eur_per_mwh", 86)));

        var e = Assert.Single(r.Errors);
        Assert.Equal(($"{AssetPath}.terminal_value_eur_per_mwh", ValidationCodes.ValueInvalid), (e.Path, e.Code));
        Assert.Contains("still plugged in at the horizon's end", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TerminalValueWithAnUnreachableRemainder_NamesWhatItCanStillChargeAfterTheHorizon()
    {
        // Departure 05:00: 0.92 · 3.7 · 1 = 3.404 kWh after the horizon, so 36.196 kWh at 04:00, 16.196 kWh more than the
        // arrival's 20 kWh; within the horizon (01:00–04:00) it can receive 0.92 · 3.7 · 3 = 10.212 kWh.
        var r = Load(Ev(("departure", "2026-01-15T05:00"), ("terminal_value_eur_per_mwh", 86), ("arrival_energy_kwh", 20)));

        var e = Assert.Single(r.Errors);
        Assert.Equal(($"{AssetPath}.required_energy_kwh", ValidationCodes.EvEnergyUnreachable), (e.Path, e.Code));
        Assert.Contains("needs 16.196 kWh more by the horizon's end", e.Message, StringComparison.Ordinal);
        Assert.Contains("3.404 kWh it can still charge before its departure", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeTerminalValue_IsOutOfRange()
    {
        var r = Load(Ev(("departure", "2026-01-15T07:00"), ("terminal_value_eur_per_mwh", -1)));

        var e = Assert.Single(r.Errors);
        Assert.Equal(($"{AssetPath}.terminal_value_eur_per_mwh", ValidationCodes.ValueOutOfRange), (e.Path, e.Code));
    }

    private static JsonObject Ev(params (string Name, JsonNode? Value)[] extra)
    {
        var o = new JsonObject
        {
            ["type"] = "ev",
            ["id"] = "ev",
            ["capacity_kwh"] = 77,
            ["max_charge_kw"] = 3.7,
            ["charge_efficiency"] = 0.92,
            ["arrival"] = "2026-01-15T01:00",
            ["arrival_energy_kwh"] = 30,
            ["required_energy_kwh"] = 39.6,
        };
        foreach (var (name, value) in extra)
        {
            o[name] = value;
        }

        return o;
    }

    private static ScenarioLoadResult Load(JsonObject asset) => SingleAssetScenario.Load(asset, "ev");
}
