using System.Globalization;
using Lem.Markets.Clearing;
using Lem.Scenarios;

namespace Lem.Markets.Tests.Redispatch;

/// <summary>
/// A 0.4 kV radial feeder 0–1–2 (bus 0 the slack and the outside market's connection) for the redispatch tests
/// (docs/mechanisms/redispatch.md#worked-example): line 1–2 carries at most <c>maxIKa</c> kA (0.1 kA ≈ 69 kW at
/// 0.4 kV), line 0–1 0.3 kA. Three hourly slots.
/// </summary>
internal static class RedispatchFeeder
{
    /// <summary>
    /// The pool version: a 150 kW PV at bus 2 (available 40, 120, 150 kW) with a 10 kW load, a 30 kW load at bus 1;
    /// import 100, export 40 EUR/MWh. On copper plate the PV exports everything, overloading line 1–2 in slots 1 and 2.
    /// </summary>
    public static MarketInput Pool(double maxIKa = 0.1) => Parse(maxIKa, """
            { "id": "pv2", "role": "producer", "bus": "2", "assets": [ { "type": "pv", "id": "pv2-pv", "capacity_kw": 150, "available_kw": [40, 120, 150] } ] },
            { "id": "home2", "role": "consumer", "bus": "2", "assets": [ { "type": "inflexible_load", "id": "home2-load", "demand_kw": [10, 10, 10] } ] },
            { "id": "home1", "role": "consumer", "bus": "1", "assets": [ { "type": "inflexible_load", "id": "home1-load", "demand_kw": [30, 30, 30] } ] }
        """);

    /// <summary>
    /// The call-auction version: a seller at bus 2 offers 100 kWh per slot at 10 EUR/MWh (in two steps), a buyer at the
    /// slack bus bids 100 kWh at 150 and a buyer at bus 1 20 kWh at 120 EUR/MWh: the auction sends about 120 kW over
    /// line 1–2 in every slot.
    /// </summary>
    public static MarketInput Auction(double maxIKa = 0.1)
    {
        var orders = new List<string>();
        for (var t = 0; t < 3; t++)
        {
            var slot = $"2026-06-21T{12 + t:00}:00";
            orders.Add($$"""{ "id": "s-{{t}}", "side": "sell", "slot": "{{slot}}", "steps": [ { "price_eur_per_mwh": 10, "quantity_kwh": 60 }, { "price_eur_per_mwh": 20, "quantity_kwh": 60 } ] }""");
        }

        string Bids(string who, double price, double kwh) => string.Join(", ", Enumerable.Range(0, 3).Select(t =>
            $$"""{ "id": "{{who}}-{{t}}", "side": "buy", "slot": "2026-06-21T{{12 + t:00}}:00", "steps": [ { "price_eur_per_mwh": {{N(price)}}, "quantity_kwh": {{N(kwh)}} } ] }"""));
        return Parse(maxIKa, $$"""
                { "id": "seller2", "role": "producer", "bus": "2", "orders": [ {{string.Join(", ", orders)}} ] },
                { "id": "buyer0", "role": "consumer", "bus": "0", "orders": [ {{Bids("b0", 150, 100)}} ] },
                { "id": "buyer1", "role": "consumer", "bus": "1", "orders": [ {{Bids("b1", 120, 20)}} ] }
            """);
    }

    private static MarketInput Parse(double maxIKa, string participants)
    {
        var json = $$"""
            {
              "format_version": 1,
              "name": "redispatch feeder",
              "horizon": { "time_zone": "UTC", "start": "2026-06-21T12:00", "end": "2026-06-21T15:00", "slot_minutes": 60 },
              "grid": {
                "base_mva": 1,
                "buses": [ { "id": "0", "vn_kv": 0.4, "slack": true }, { "id": "1", "vn_kv": 0.4 }, { "id": "2", "vn_kv": 0.4 } ],
                "lines": [
                  { "id": "L01", "from_bus": "0", "to_bus": "1", "length_km": 0.1, "r_ohm_per_km": 0.2, "x_ohm_per_km": 0.08, "max_i_ka": 0.3 },
                  { "id": "L12", "from_bus": "1", "to_bus": "2", "length_km": 0.1, "r_ohm_per_km": 0.2, "x_ohm_per_km": 0.08, "max_i_ka": {{N(maxIKa)}} }
                ]
              },
              "outside_market": { "wholesale_import_eur_per_mwh": 100, "wholesale_export_eur_per_mwh": 40, "retail_eur_per_kwh": 0.3, "feed_in_eur_per_kwh": 0.04, "connection_bus": "0" },
              "participants": [
            {{participants}}
              ]
            }
            """;
        var loaded = ScenarioReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), ".");
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        return loaded.Scenario!;
    }

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}
