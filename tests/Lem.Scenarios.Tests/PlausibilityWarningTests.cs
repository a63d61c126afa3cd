using Lem.Domain.Validation;
using Lem.Testing;

namespace Lem.Scenarios.Tests;

/// <summary>
/// Plausibility warnings (docs/scenario-format.md#plausibility-warnings): a household-sized asset far too large for a
/// low-voltage bus is probably entered in the wrong unit; it is warned about with its path and <c>value.implausible</c>,
/// and the scenario stays valid.
/// </summary>
public sealed class PlausibilityWarningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-plausible-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string SmallLoad = """{ "type": "inflexible_load", "id": "h-small", "demand_kw": [1, 5] }""";

    private ScenarioLoadResult Load(double kv, string assets)
    {
        var path = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(path, TwoBusScenario.Json(kv, assets));
        var r = ScenarioReader.Load(path);
        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        return r;
    }

    [Fact]
    public void HouseholdLoadOf228Kw_OnALowVoltageBus_IsWarnedAbout_WithPathAndCode()
    {
        var r = Load(0.4, SmallLoad + """, { "type": "inflexible_load", "id": "h-load", "demand_kw": [3, 228] }""");

        var w = Assert.Single(r.WarningDetails);
        Assert.Equal(("$.participants[0].assets[1].demand_kw", ValidationCodes.ValueImplausible), (w.Path, w.Code));
        Assert.Contains("228 kW", w.Message, StringComparison.Ordinal);
        Assert.Contains("0.4 kV", w.Message, StringComparison.Ordinal);
        Assert.Contains("in W?", w.Message, StringComparison.Ordinal);
        Assert.Contains(r.Warnings, t => t.Contains("$.participants[0].assets[1].demand_kw", StringComparison.Ordinal));
    }

    [Fact]
    public void HouseholdLoadOf5Kw_OnALowVoltageBus_IsNotWarnedAbout()
    {
        var r = Load(0.4, SmallLoad);
        Assert.Empty(r.WarningDetails);
    }

    [Fact]
    public void LoadOf228Kw_OnAMediumVoltageBus_IsNotWarnedAbout()
    {
        var r = Load(20, """{ "type": "inflexible_load", "id": "h-load", "demand_kw": [3, 228] }""");
        Assert.Empty(r.WarningDetails);
    }

    [Fact]
    public void BatteryOf2Mwh_OnALowVoltageBus_IsWarnedAbout_ButOf100KwhIsNot()
    {
        static string Battery(string id, double kwh) =>
            $$"""{ "type": "battery", "id": "{{id}}", "capacity_kwh": {{kwh}}, "max_charge_kw": 10, "max_discharge_kw": 10, "charge_efficiency": 0.95, "discharge_efficiency": 0.95, "initial_soc_kwh": 0 }""";

        var r = Load(0.4, Battery("b-small", 100) + ", " + Battery("b-big", 2000));

        var w = Assert.Single(r.WarningDetails);
        Assert.Equal(("$.participants[0].assets[1].capacity_kwh", ValidationCodes.ValueImplausible), (w.Path, w.Code));
        Assert.Contains("2000 kWh", w.Message, StringComparison.Ordinal);
        Assert.Contains("in Wh?", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PvOf60Kw_OnALowVoltageBus_IsWarnedAbout()
    {
        var r = Load(0.4, """{ "type": "pv", "id": "h-pv", "capacity_kw": 60, "available_kw": [10, 20] }""");

        var w = Assert.Single(r.WarningDetails);
        Assert.Equal(("$.participants[0].assets[0].capacity_kw", ValidationCodes.ValueImplausible), (w.Path, w.Code));
    }
}
