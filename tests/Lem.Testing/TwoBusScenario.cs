using System.Globalization;

namespace Lem.Testing;

/// <summary>A small scenario for tests of per-bus checks: a two-bus grid at one voltage and one participant at bus 1.</summary>
public static class TwoBusScenario
{
    /// <summary>A scenario with a two-bus grid at <paramref name="kv"/> kV and one participant at bus 1 with <paramref name="assets"/>.</summary>
    public static string Json(double kv, string assets) => $$"""
        {
          "format_version": 1,
          "name": "t",
          "horizon": { "time_zone": "UTC", "start": "2026-01-01T00:00", "end": "2026-01-01T01:00", "slot_minutes": 30 },
          "grid": {
            "base_mva": 1,
            "buses": [ { "id": "0", "vn_kv": {{Kv(kv)}}, "slack": true }, { "id": "1", "vn_kv": {{Kv(kv)}} } ],
            "lines": [ { "id": "L01", "from_bus": "0", "to_bus": "1", "length_km": 0.1, "r_ohm_per_km": 0.2, "x_ohm_per_km": 0.08, "c_nf_per_km": 0, "max_i_ka": 0.3 } ]
          },
          "outside_market": { "wholesale_import_eur_per_mwh": 90, "retail_eur_per_kwh": 0.3, "feed_in_eur_per_kwh": 0.08, "connection_bus": "0" },
          "participants": [ { "id": "h", "role": "prosumer", "bus": "1", "assets": [ {{assets}} ] } ]
        }
        """;

    private static string Kv(double kv) => kv.ToString(CultureInfo.InvariantCulture);
}
