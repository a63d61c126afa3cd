using System.Text;
using System.Text.Json.Nodes;
using Lem.Domain.Validation;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Settlement.Tariffs;
using Lem.Testing;

namespace Lem.Settlement.Tests.Scenarios;

/// <summary>The scenario's <c>settlement</c> section: values read as written, defaults, and every problem reported with its path.</summary>
public sealed class SettlementSectionTests
{
    private static readonly string TinyPath = RepoPaths.InRepo("examples", "tiny", "scenario.json");

    private static ScenarioLoadResult Load(string settlementJson, bool withGrid = true)
    {
        var root = JsonNode.Parse(File.ReadAllText(TinyPath))!.AsObject();
        root["settlement"] = JsonNode.Parse(settlementJson);
        if (!withGrid)
        {
            root.Remove("grid");
            root.Remove("outside_market");
            root["outside_market"] = JsonNode.Parse("""{ "wholesale_import_eur_per_mwh": 90, "retail_eur_per_kwh": 0.3, "feed_in_eur_per_kwh": 0.08 }""");
            foreach (var p in root["participants"]!.AsArray())
            {
                p!.AsObject().Remove("bus");
            }
        }

        return ScenarioReader.Parse(Encoding.UTF8.GetBytes(root.ToJsonString()), Path.GetDirectoryName(TinyPath)!);
    }

    [Fact]
    public void Tiny_WithoutASettlementSection_HasTheZeroDefaults()
    {
        var s = ScenarioReader.Load(TinyPath).Scenario!;
        Assert.Same(SettlementSettings.Default, s.Settlement);
        Assert.False(s.Settlement.IsSpecified);
        Assert.Equal(0m, s.Settlement.Grid.VolumetricEurPerKwh);
        Assert.Equal(SettlementCounterparty.Wholesale, s.Settlement.OutsideCounterparty);
        Assert.Equal(SettlementImbalanceRule.Single, s.Settlement.Imbalance.Rule);
        Assert.Equal(1m, s.Settlement.Imbalance.WholesaleFactor);
    }

    [Fact]
    public void Settlement_FullSection_IsReadAsWritten()
    {
        var r = Load("""
            {
              "outside_counterparty": "supplier",
              "grid_tariff": {
                "fixed_eur_per_period": 0.19, "volumetric_eur_per_kwh": 0.081, "net_metering": true,
                "time_of_use": [ { "name": "night", "from": "22:00", "to": "06:00", "eur_per_kwh": 0.03 },
                                 { "name": "peak", "from": "17:00", "to": "21:00", "eur_per_kwh": 0.11 } ],
                "subscribed_capacity": { "default_kw": 10, "participants": { "ben": 15 }, "eur_per_kw": 0.05, "excess_eur_per_kw": 0.02 },
                "measured_peak_eur_per_kw": 0.1,
                "distance": { "eur_per_mwh": 10, "method": "resistance", "split": "buyer", "normalization": "mean" },
                "local_discount": 0.25
              },
              "taxes": { "levies_eur_per_kwh": 0.063, "fixed_eur_per_period": 0.1, "vat_percent": 19 },
              "operator_fee": { "eur_per_kwh": 0.004, "fixed_eur_per_period": 0.05 },
              "imbalance": { "rule": "dual", "price_eur_per_mwh": [100, 110, 120, 130] },
              "compensation": "proportional"
            }
            """);

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var s = r.Scenario!.Settlement;
        Assert.True(s.IsSpecified);
        Assert.Equal(SettlementCounterparty.Supplier, s.OutsideCounterparty);
        Assert.Equal(0.19m, s.Grid.FixedEurPerPeriod);
        Assert.Equal(0.081m, s.Grid.VolumetricEurPerKwh);
        Assert.True(s.Grid.NetMetering);
        Assert.Equal([("night", 22 * 60, 6 * 60, 0.03m), ("peak", 17 * 60, 21 * 60, 0.11m)], s.Grid.TimeOfUse.Select(p => (p.Name, p.FromMinute, p.ToMinute, p.EurPerKwh)));
        Assert.True(s.Grid.TimeOfUse[0].Contains(23 * 60) && s.Grid.TimeOfUse[0].Contains(0) && !s.Grid.TimeOfUse[0].Contains(6 * 60));
        Assert.Equal(15, s.Grid.Capacity!.SubscribedKw(new ParticipantId("ben")));
        Assert.Equal(10, s.Grid.Capacity.SubscribedKw(new ParticipantId("anna")));
        Assert.Equal(0.02m, s.Grid.Capacity.ExcessEurPerKw);
        Assert.Equal(0.1m, s.Grid.MeasuredPeakEurPerKw);
        Assert.Equal(new TariffDistance { EurPerMwh = 10m, Method = TariffDistanceMethod.Resistance, Split = TariffChargeSplit.Buyer, Normalization = TariffDistanceNormalization.Mean }, s.Grid.Distance);
        Assert.Equal(0.25m, s.Grid.LocalDiscountFraction);
        Assert.Equal(new TariffTaxes { LeviesEurPerKwh = 0.063m, FixedEurPerPeriod = 0.1m, VatPercent = 19m }, s.Taxes);
        Assert.Equal(new TariffOperatorFee { EurPerKwh = 0.004m, FixedEurPerPeriod = 0.05m }, s.OperatorFee);
        Assert.Equal(SettlementImbalanceRule.Dual, s.Imbalance.Rule);
        Assert.Equal([100.0, 110, 120, 130], s.Imbalance.PriceEurPerMwh!.Values);
        Assert.Equal(SettlementCompensationRule.Proportional, s.Compensation);
    }

    [Fact]
    public void Settlement_Mistakes_AreAllReportedWithTheirPaths()
    {
        var r = Load("""
            {
              "outside_counterparty": "retailer",
              "grid_tariff": {
                "volumetric_eur_per_kwh": -0.1,
                "net_metering": "yes",
                "time_of_use": [ { "name": "peak", "from": "17:00", "to": "21:00", "eur_per_kwh": 0.11 },
                                 { "name": "evening", "from": "20:00", "to": "25:00", "eur_per_kwh": 0.2 },
                                 { "name": "late", "from": "20:30", "to": "23:00", "eur_per_kwh": 0.2 },
                                 { "name": "peak", "from": "01:00", "to": "02:00", "eur_per_kwh": 0.1 } ],
                "subscribed_capacity": { "participants": { "zoe": 5, "ben": "many" } },
                "distance": { "method": "manhattan" },
                "local_discount": 1.5,
                "loacl_discount": 0.1
              },
              "taxes": { "vat_percent": 120 },
              "imbalance": { "rule": "triple", "price_eur_per_mwh": [1, 2], "wholesale_factor": 1.2 },
              "compensation": "always"
            }
            """);

        Assert.False(r.IsValid);
        var found = r.Errors.Select(e => (e.Path, e.Code)).ToList();
        (string, string)[] expected =
        [
            ("$.settlement.outside_counterparty", ValidationCodes.ValueInvalid),
            ("$.settlement.compensation", ValidationCodes.ValueInvalid),
            ("$.settlement.grid_tariff.volumetric_eur_per_kwh", ValidationCodes.ValueOutOfRange),
            ("$.settlement.grid_tariff.net_metering", ValidationCodes.FieldType),
            ("$.settlement.grid_tariff.time_of_use[1].to", ValidationCodes.TimeInvalid),
            ("$.settlement.grid_tariff.time_of_use[2]", ValidationCodes.ValueInvalid),
            ("$.settlement.grid_tariff.time_of_use[3].name", ValidationCodes.IdDuplicate),
            ("$.settlement.grid_tariff.local_discount", ValidationCodes.ValueOutOfRange),
            ("$.settlement.grid_tariff.loacl_discount", ValidationCodes.FieldUnknown),
            ("$.settlement.grid_tariff.subscribed_capacity.default_kw", ValidationCodes.FieldMissing),
            ("$.settlement.grid_tariff.subscribed_capacity.participants.zoe", ValidationCodes.UnknownParticipant),
            ("$.settlement.grid_tariff.subscribed_capacity.participants.ben", ValidationCodes.FieldType),
            ("$.settlement.grid_tariff.distance.eur_per_mwh", ValidationCodes.FieldMissing),
            ("$.settlement.grid_tariff.distance.method", ValidationCodes.ValueInvalid),
            ("$.settlement.taxes.vat_percent", ValidationCodes.ValueOutOfRange),
            ("$.settlement.imbalance.rule", ValidationCodes.ValueInvalid),
            ("$.settlement.imbalance.price_eur_per_mwh", ValidationCodes.SeriesLength),
            ("$.settlement.imbalance.wholesale_factor", ValidationCodes.ValueInvalid),
        ];
        var missing = expected.Where(e => !found.Contains(e)).ToList();
        Assert.True(missing.Count == 0, $"not reported: {string.Join(", ", missing)}\nreported:\n{string.Join("\n", r.Errors)}");
        Assert.Equal(expected.Length, r.Errors.Count);
        Assert.Contains("Did you mean 'local_discount'?", r.Errors.Single(e => e.Code == ValidationCodes.FieldUnknown).Message, StringComparison.Ordinal);
        Assert.Contains("overlaps 'peak'", r.Errors.Single(e => e.Path == "$.settlement.grid_tariff.time_of_use[2]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settlement_DistanceChargeWithoutAGrid_IsRefused()
    {
        var r = Load("""{ "grid_tariff": { "distance": { "eur_per_mwh": 10 } } }""", withGrid: false);

        var error = Assert.Single(r.Errors);
        Assert.Equal("$.settlement.grid_tariff.distance", error.Path);
        Assert.Equal(ValidationCodes.ValueInvalid, error.Code);
        Assert.Contains("no grid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "all", "from": "00:00", "to": "24:00", "eur_per_kwh": 0.1 }""")]
    [InlineData("""{ "name": "none", "from": "08:00", "to": "08:00", "eur_per_kwh": 0.1 }""")]
    public void Settlement_TimeOfUsePeriodCoveringTheWholeDay_IsRefused(string period)
    {
        var r = Load($$"""{ "grid_tariff": { "time_of_use": [ {{period}} ] } }""");
        Assert.Equal("$.settlement.grid_tariff.time_of_use[0].to", Assert.Single(r.Errors).Path);
    }
}
