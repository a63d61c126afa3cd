using System.Globalization;

namespace Lem.Testing;

/// <summary>
/// The ten-household community of issue 15 as a test fixture: a summer day in hourly slots on copper plate, four
/// households with rooftop PV (one of them with a battery), six without; the wholesale price at midday (10–50 EUR/MWh)
/// is below the 80 EUR/MWh feed-in tariff, and the settlement bills a grid tariff with a time-of-use peak, levies, VAT
/// and an operator fee on top of energy, against an all-in retail tariff of 0.32 EUR/kWh.
/// </summary>
public static class TenHouseholdScenario
{
    /// <summary>Wholesale import price per hour of the day, EUR/MWh.</summary>
    public static IReadOnlyList<double> WholesaleImportEurPerMwh { get; } =
        [78, 74, 71, 70, 72, 80, 95, 105, 90, 60, 45, 30, 15, 10, 20, 35, 50, 85, 115, 120, 110, 98, 90, 84];

    /// <summary>A household's load shape per hour, kW (scaled per household).</summary>
    private static readonly double[] LoadShapeKw =
        [0.30, 0.25, 0.22, 0.22, 0.25, 0.35, 0.60, 0.75, 0.55, 0.45, 0.45, 0.50, 0.55, 0.50, 0.45, 0.45, 0.55, 0.80, 1.10, 1.20, 1.05, 0.85, 0.60, 0.40];

    /// <summary>PV output per kW of capacity per hour, a clear summer day.</summary>
    private static readonly double[] PvShape =
        [0, 0, 0, 0, 0, 0.02, 0.08, 0.20, 0.36, 0.52, 0.66, 0.76, 0.80, 0.78, 0.70, 0.57, 0.41, 0.25, 0.11, 0.03, 0, 0, 0, 0];

    /// <summary>(id, load scale, PV capacity in kW or 0, has a battery) of the ten households.</summary>
    private static readonly (string Id, double LoadScale, double PvKw, bool Battery)[] Households =
    [
        ("h01", 0.5, 8, false), ("h02", 0.9, 5, false), ("h03", 1.1, 4, false), ("h04", 1.0, 6, true), ("h05", 0.8, 0, false),
        ("h06", 1.2, 0, false), ("h07", 1.4, 0, false), ("h08", 0.7, 0, false), ("h09", 1.0, 0, false), ("h10", 0.6, 0, false),
    ];

    /// <summary>The Kerber network of the village example (examples/village) that <see cref="JsonOnKerberGrid"/> refers to.</summary>
    public const string KerberGridFile = "kerber_dorfnetz.json";

    /// <summary>The bus of each household in <see cref="JsonOnKerberGrid"/>: house connections at the ends of the Kerber village network's feeders.</summary>
    private static readonly string[] KerberBuses = ["41", "43", "45", "47", "49", "51", "53", "55", "57", "59"];

    /// <summary>The scenario JSON on copper plate.</summary>
    public static string Json() => Json(null);

    /// <summary>
    /// The scenario JSON on the Kerber village network (<see cref="KerberGridFile"/>, read relative to the scenario's
    /// folder: parse it with examples/village as the base directory), the households at house-connection buses and the
    /// outside market at the transformer's medium-voltage bus.
    /// </summary>
    public static string JsonOnKerberGrid() => Json(KerberBuses);

    private static string Json(string[]? buses)
    {
        var participants = string.Join(",\n", Households.Select((h, i) => Participant(h, buses?[i])));
        var grid = buses is null ? "" : $$"""
              "grid": { "file": "{{KerberGridFile}}", "format": "pandapower" },
            """;
        var connection = buses is null ? "" : """
                "connection_bus": "0",
            """;
        return $$"""
            {
              "format_version": 1,
              "name": "ten households",
              "description": "Issue 15: ten households, a summer day; midday wholesale prices below the feed-in tariff.",
              "horizon": { "time_zone": "UTC", "start": "2026-06-21T00:00", "end": "2026-06-22T00:00", "slot_minutes": 60 },
            {{grid}}
              "outside_market": {
            {{connection}}
                "wholesale_import_eur_per_mwh": {{Series(WholesaleImportEurPerMwh)}},
                "wholesale_export_eur_per_mwh": {{Series(WholesaleImportEurPerMwh.Select(p => p - 5))}},
                "retail_eur_per_kwh": 0.32,
                "feed_in_eur_per_kwh": 0.08
              },
              "settlement": {
                "grid_tariff": {
                  "volumetric_eur_per_kwh": 0.081,
                  "time_of_use": [ { "name": "peak", "from": "17:00", "to": "21:00", "eur_per_kwh": 0.112 } ]
                },
                "taxes": { "levies_eur_per_kwh": 0.063, "vat_percent": 19 },
                "operator_fee": { "eur_per_kwh": 0.004 }
              },
              "participants": [
            {{participants}}
              ]
            }
            """;
    }

    private static string Participant((string Id, double LoadScale, double PvKw, bool Battery) h, string? bus)
    {
        var assets = new List<string>
        {
            $$"""{ "type": "inflexible_load", "id": "{{h.Id}}-load", "demand_kw": {{Series(LoadShapeKw.Select(l => l * h.LoadScale))}} }""",
        };
        if (h.PvKw > 0)
        {
            assets.Add($$"""{ "type": "pv", "id": "{{h.Id}}-pv", "capacity_kw": {{N(h.PvKw)}}, "available_kw": {{Series(PvShape.Select(s => s * h.PvKw))}} }""");
        }

        if (h.Battery)
        {
            assets.Add($$"""
                { "type": "battery", "id": "{{h.Id}}-bat", "capacity_kwh": 10, "max_charge_kw": 4, "max_discharge_kw": 4,
                  "charge_efficiency": 0.95, "discharge_efficiency": 0.95, "soc_min_kwh": 1, "soc_max_kwh": 10,
                  "initial_soc_kwh": 5, "terminal_soc_min_kwh": 5, "degradation_cost_eur_per_mwh": 15 }
                """);
        }

        var role = h.PvKw > 0 ? "prosumer" : "consumer";
        var at = bus is null ? "" : $$""" "bus": "{{bus}}",""";
        return $$"""    { "id": "{{h.Id}}", "role": "{{role}}",{{at}} "assets": [ {{string.Join(", ", assets)}} ] }""";
    }

    private static string Series(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(N)) + "]";

    private static string N(double value) => Math.Round(value, 4).ToString(CultureInfo.InvariantCulture);
}
