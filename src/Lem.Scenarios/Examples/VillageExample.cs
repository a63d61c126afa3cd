using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Lem.Domain.Sampling;
using Lem.Grid.Import;
using NodaTime;

namespace Lem.Scenarios.Examples;

/// <summary>
/// Generates the bundled <c>examples/village</c> scenario: an energy community on the Kerber "Dorfnetz" LV grid,
/// one household per load bus, one summer day at 15 minutes. Profiles are synthetic, realistic and deterministic
/// (fixed seed); how they are made is documented in the example's README.
/// </summary>
public static class VillageExample
{
    /// <summary>The name of the grid file the scenario references (a copy of pandapower's Kerber Dorfnetz).</summary>
    public const string GridFileName = "kerber_dorfnetz.json";

    /// <summary>The market day.</summary>
    public const string MarketDate = "2026-06-21";

    /// <summary>The time zone of the community.</summary>
    public const string TimeZone = "Europe/Berlin";

    /// <summary>Latitude of the site in degrees north (a village in Swabia, southern Germany).</summary>
    public const double LatitudeDeg = 48.40;

    /// <summary>Longitude of the site in degrees east.</summary>
    public const double LongitudeDeg = 9.99;

    /// <summary>The seed of the random generator.</summary>
    public const ulong Seed = 20260621;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Writes the built-in copy of the grid (<c>examples/village/kerber_dorfnetz.json</c>, embedded in this assembly,
    /// byte for byte) into <paramref name="directory"/> as <see cref="GridFileName"/>, creating the folder, and returns its path.
    /// </summary>
    public static string WriteGrid(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, GridFileName);
        var name = $"{typeof(VillageExample).Namespace}.{GridFileName}";
        using var resource = typeof(VillageExample).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is missing from {typeof(VillageExample).Assembly.GetName().Name}.");
        using var file = File.Create(path);
        resource.CopyTo(file);
        return path;
    }

    /// <summary>
    /// Writes <c>scenario.json</c>, <c>profiles.csv</c> and <c>prices.csv</c> into <paramref name="directory"/>, which must
    /// already hold <see cref="GridFileName"/>. Returns the files written.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory)
    {
        var gridPath = Path.Combine(directory, GridFileName);
        var import = GridImporter.Import(gridPath);
        if (!import.Succeeded)
        {
            throw new InvalidOperationException($"The grid '{gridPath}' cannot be imported: {string.Join("; ", import.Errors)}");
        }

        var grid = import.Network!;
        var loadBuses = grid.Loads.Where(l => l.InService).Select(l => l.Bus.Value).Distinct().OrderBy(b => int.Parse(b, Inv)).ToList();
        var day = MarketDay.Parse(MarketDate, TimeZone);
        var slots = day.Slots(SlotLength.QuarterHour);
        var rng = new SplitMix64(Seed);

        var households = PlanHouseholds(loadBuses, rng);
        var weather = SyntheticProfiles.CloudIndex(slots.Count, rng);
        var columns = new List<(string Name, double[] Values)>();
        foreach (var h in households)
        {
            columns.Add(($"{h.Id}_load_kw", SyntheticProfiles.HouseholdLoad(slots, day.Zone, h.DailyKwh, h.ShiftHours, rng)));
            if (h.PvKw > 0)
            {
                columns.Add(($"{h.Id}_pv_kw", SyntheticProfiles.Pv(slots, h.PvKw, h.PvOrientation, weather, rng, LatitudeDeg, LongitudeDeg)));
            }

            if (h.HeatPump is { } hp)
            {
                columns.Add(($"{h.Id}_heat_kw", HotWaterDraws(slots, day.Zone, hp.DailyHeatKwh)));
            }
        }

        columns.Add(("outdoor_temperature_c", OutdoorTemperature(slots, day.Zone)));

        var prices = WholesalePrices(slots, day.Zone, weather, rng);
        var terminalValue = TerminalValueEurPerMwh(prices);
        var files = new List<string>
        {
            WriteCsv(Path.Combine(directory, "profiles.csv"), slots, day.Zone, columns),
            WriteCsv(Path.Combine(directory, "prices.csv"), slots, day.Zone, prices),
            WriteScenario(Path.Combine(directory, "scenario.json"), households, grid.Name, terminalValue),
        };
        return files;
    }

    private static List<Household> PlanHouseholds(List<string> buses, SplitMix64 rng)
    {
        var n = buses.Count;
        var order = Enumerable.Range(0, n).ToList();
        rng.Shuffle(order);
        var pvSet = order.Take((n + 2) / 3).ToHashSet();                 // about a third of the roofs
        var pvList = order.Take((n + 2) / 3).ToList();
        var batterySet = pvList.Take(Math.Min(10, pvList.Count)).ToHashSet(); // ten of them with a home battery
        var rest = order.Skip((n + 2) / 3).ToList();
        var evSet = order.Skip(3).Where((_, i) => i % 5 == 0).Take(8).ToHashSet(); // eight EVs spread over both groups
        var flexSet = rest.Skip(rest.Count - 4).ToHashSet();               // four heat pumps in houses without PV

        var list = new List<Household>();
        for (var i = 0; i < n; i++)
        {
            var id = $"h{i + 1:00}";
            var dailyKwh = Math.Round(rng.Uniform(5.5, 13.5), 2);
            var shiftHours = rng.Uniform(-0.6, 0.6);
            var pv = pvSet.Contains(i) ? Math.Round(rng.Uniform(4, 10) * 2) / 2 : 0;
            var orientation = rng.Uniform(0.82, 1.0);
            Battery? battery = null;
            if (batterySet.Contains(i))
            {
                var cap = new[] { 5.0, 7.5, 10.0, 13.5 }[rng.Next(4)];
                battery = new Battery(cap, cap >= 10 ? 5.0 : 3.3, Math.Round(rng.Uniform(0.35, 0.6) * cap, 2));
            }

            Ev? ev = null;
            if (evSet.Contains(i))
            {
                var capacity = new[] { 40.0, 52.0, 58.0, 77.0 }[rng.Next(4)];
                var charger = rng.NextDouble() < 0.5 ? 3.7 : 11.0;
                var arriveMin = 17 * 60 + 15 * rng.Next(11);                     // 17:00 .. 19:30
                var arrivalEnergy = Math.Round(capacity * rng.Uniform(0.25, 0.5), 1);
                var deliverableKwh = 0.92 * charger * ((24 * 60) - arriveMin) / 60.0; // until the end of the horizon
                var required = Math.Round(Math.Min(capacity * 0.8, arrivalEnergy + Math.Min(rng.Uniform(8, 20), 0.85 * deliverableKwh)), 1);
                ev = new Ev(capacity, charger, arriveMin, arrivalEnergy, required);
            }

            HeatPump? heatPump = null;
            if (flexSet.Contains(i))
            {
                heatPump = new HeatPump(Math.Round(rng.Uniform(6, 11), 1));
            }

            list.Add(new Household(id, buses[i], dailyKwh, shiftHours, pv, orientation, battery, ev, heatPump));
        }

        return list;
    }

    private static List<(string Name, double[] Values)> WholesalePrices(IReadOnlyList<DeliverySlot> slots, DateTimeZone zone, double[] cloud, SplitMix64 rng)
    {
        // A German summer day: night plateau, morning ramp, a solar dip around noon (sometimes below zero), evening peak.
        var wholesale = new double[slots.Count];
        var import = new double[slots.Count];
        var export = new double[slots.Count];
        var retail = new double[slots.Count];
        for (var t = 0; t < slots.Count; t++)
        {
            var hour = SyntheticProfiles.LocalHour(slots[t], zone);
            var p = 88 + 30 * SyntheticProfiles.Bump(hour, 8.0, 1.3) - 95 * SyntheticProfiles.Bump(hour, 13.5, 2.4) * (0.7 + 0.3 * cloud[t]) + 75 * SyntheticProfiles.Bump(hour, 20.5, 1.7) - 12 * SyntheticProfiles.Bump(hour, 3.5, 2.0);
            wholesale[t] = Math.Round(p + 4 * rng.Normal(), 2);
            import[t] = Math.Round(wholesale[t] + 6.0, 2);  // supplier's balancing and sourcing margin
            export[t] = Math.Round(wholesale[t] - 6.0, 2);  // direct-marketing fee
            retail[t] = hour >= 17 && hour < 21 ? 0.36 : 0.31; // a simple time-of-use retail tariff
        }

        return [("wholesale_import_eur_per_mwh", import), ("wholesale_export_eur_per_mwh", export), ("retail_eur_per_kwh", retail)];
    }

    private static string WriteCsv(string path, IReadOnlyList<DeliverySlot> slots, DateTimeZone zone, List<(string Name, double[] Values)> columns)
    {
        var sb = new StringBuilder();
        sb.Append("time");
        foreach (var c in columns)
        {
            sb.Append(',').Append(c.Name);
        }

        sb.Append('\n');
        for (var t = 0; t < slots.Count; t++)
        {
            sb.Append(slots[t].StartIn(zone).ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm>", Inv));
            foreach (var c in columns)
            {
                sb.Append(',').Append(c.Values[t].ToString("0.###", Inv));
            }

            sb.Append('\n');
        }

        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
        return path;
    }

    /// <summary>
    /// The value of the energy the batteries and the plugged-in EVs hold at midnight, EUR/MWh: the day's mean wholesale
    /// import price, rounded to a whole EUR/MWh. Energy not stored by midnight is bought in a later slot at about that
    /// price; the EVs buy it the next night (docs/mechanisms/pool.md#storage-at-the-horizons-end).
    /// </summary>
    private static double TerminalValueEurPerMwh(List<(string Name, double[] Values)> prices) =>
        Math.Round(prices.Single(c => c.Name == "wholesale_import_eur_per_mwh").Values.Average(), 0, MidpointRounding.ToEven);

    private static string WriteScenario(string path, List<Household> households, string gridName, double terminalValueEurPerMwh)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "../../docs/scenario.schema.json");
            w.WriteNumber("format_version", ScenarioReader.FormatVersion);
            w.WriteString("name", "village");
            w.WriteString("description", $"An energy community of {households.Count} households on the Kerber Dorfnetz low-voltage grid ({gridName}), midsummer day {MarketDate} at 15 minutes. Synthetic profiles; see README.md. Generated by 'lem example village'.");
            w.WriteStartObject("horizon");
            w.WriteString("time_zone", TimeZone);
            w.WriteString("market_day", MarketDate);
            w.WriteNumber("slot_minutes", 15);
            w.WriteEndObject();
            w.WriteStartObject("grid");
            w.WriteString("file", GridFileName);
            w.WriteString("format", "pandapower");
            w.WriteEndObject();
            w.WriteStartObject("outside_market");
            CsvRef(w, "wholesale_import_eur_per_mwh", "prices.csv", "wholesale_import_eur_per_mwh");
            CsvRef(w, "wholesale_export_eur_per_mwh", "prices.csv", "wholesale_export_eur_per_mwh");
            CsvRef(w, "retail_eur_per_kwh", "prices.csv", "retail_eur_per_kwh");
            w.WriteNumber("feed_in_eur_per_kwh", 0.0786);
            w.WriteNumber("import_limit_kw", 400);
            w.WriteNumber("export_limit_kw", 400);
            w.WriteString("connection_bus", "0");
            w.WriteEndObject();
            WriteSettlement(w);
            w.WriteStartArray("participants");
            w.WriteStartObject();
            w.WriteString("id", "community-manager");
            w.WriteString("name", "Village energy community (market operator)");
            w.WriteString("role", "market_operator");
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("id", "dso");
            w.WriteString("name", "Distribution system operator");
            w.WriteString("role", "dso");
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("id", "community-battery");
            w.WriteString("name", "Community battery at the substation");
            w.WriteString("role", "storage_owner");
            w.WriteString("bus", "1");
            w.WriteStartArray("assets");
            WriteBattery(w, "community-battery-bat", new Battery(100, 50, 40), terminalValueEurPerMwh);
            w.WriteEndArray();
            w.WriteEndObject();
            foreach (var h in households)
            {
                WriteHousehold(w, h, terminalValueEurPerMwh);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        var text = Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>
    /// German-like settlement for one day: a grid tariff of about 8 c/kWh with time-of-use (cheap at night, dear in the
    /// evening peak), a daily share of the fixed grid charge, a quarter off the grid energy charge for energy matched in the
    /// community (as Quartierstrom proposes), levies and electricity tax of 6.3 c/kWh, 19 % VAT, a small operator fee,
    /// dual-price imbalances at 1.2 × the wholesale price, and compensation of participants worse off than on the retail tariff.
    /// </summary>
    private static void WriteSettlement(Utf8JsonWriter w)
    {
        w.WriteStartObject("settlement");
        w.WriteString("outside_counterparty", "wholesale");
        w.WriteStartObject("grid_tariff");
        w.WriteNumber("fixed_eur_per_period", 0.19);
        w.WriteNumber("volumetric_eur_per_kwh", 0.081);
        w.WriteStartArray("time_of_use");
        foreach (var (name, from, to, rate) in new[] { ("off_peak", "00:00", "06:00", 0.032), ("peak", "17:00", "21:00", 0.112) })
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("from", from);
            w.WriteString("to", to);
            w.WriteNumber("eur_per_kwh", rate);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("local_discount", 0.25);
        w.WriteEndObject();
        w.WriteStartObject("taxes");
        w.WriteNumber("levies_eur_per_kwh", 0.063);
        w.WriteNumber("vat_percent", 19);
        w.WriteEndObject();
        w.WriteStartObject("operator_fee");
        w.WriteNumber("eur_per_kwh", 0.004);
        w.WriteNumber("fixed_eur_per_period", 0.05);
        w.WriteEndObject();
        w.WriteStartObject("imbalance");
        w.WriteString("rule", "dual");
        w.WriteNumber("wholesale_factor", 1.2);
        w.WriteEndObject();
        w.WriteString("compensation", "proportional");
        w.WriteEndObject();
    }

    private static void WriteHousehold(Utf8JsonWriter w, Household h, double terminalValueEurPerMwh)
    {
        w.WriteStartObject();
        w.WriteString("id", h.Id);
        w.WriteString("role", h.PvKw > 0 ? "prosumer" : "consumer");
        w.WriteString("bus", h.Bus);
        w.WriteStartArray("assets");
        w.WriteStartObject();
        w.WriteString("type", "inflexible_load");
        w.WriteString("id", $"{h.Id}-load");
        CsvRef(w, "demand_kw", "profiles.csv", $"{h.Id}_load_kw");
        w.WriteEndObject();
        if (h.PvKw > 0)
        {
            w.WriteStartObject();
            w.WriteString("type", "pv");
            w.WriteString("id", $"{h.Id}-pv");
            w.WriteNumber("capacity_kw", h.PvKw);
            CsvRef(w, "available_kw", "profiles.csv", $"{h.Id}_pv_kw");
            w.WriteNumber("curtailment_cost_eur_per_mwh", 0);
            w.WriteEndObject();
        }

        if (h.Battery is { } b)
        {
            WriteBattery(w, $"{h.Id}-bat", b, terminalValueEurPerMwh);
        }

        if (h.Ev is { } ev)
        {
            w.WriteStartObject();
            w.WriteString("type", "ev");
            w.WriteString("id", $"{h.Id}-ev");
            w.WriteNumber("capacity_kwh", ev.CapacityKwh);
            w.WriteNumber("max_charge_kw", ev.ChargerKw);
            w.WriteNumber("charge_efficiency", 0.92);
            w.WriteString("arrival", $"{MarketDate}T{ev.ArrivalMinute / 60:00}:{ev.ArrivalMinute % 60:00}");
            w.WriteString("departure", "2026-06-22T07:00");
            w.WriteNumber("arrival_energy_kwh", ev.ArrivalEnergyKwh);
            w.WriteNumber("required_energy_kwh", ev.RequiredEnergyKwh);
            w.WriteNumber("terminal_value_eur_per_mwh", terminalValueEurPerMwh);
            w.WriteEndObject();
        }

        if (h.HeatPump is not null)
        {
            // A hot-water heat pump with a 300 l tank: 14 kWh_th between 15 and 55 °C, kept above 3 kWh_th (~ 45 °C at
            // the outlet), 1 %/h standing loss; its COP follows the outdoor temperature at a 55 °C supply.
            w.WriteStartObject();
            w.WriteString("type", "heat_pump");
            w.WriteString("id", $"{h.Id}-heatpump");
            w.WriteString("name", "heat pump for hot water with a 300 l tank");
            w.WriteNumber("max_power_kw", 1.5);
            CsvRef(w, "outdoor_temperature_c", "profiles.csv", "outdoor_temperature_c");
            w.WriteNumber("supply_temperature_c", 55);
            w.WriteNumber("carnot_fraction", 0.45);
            w.WriteNumber("storage_capacity_kwh", 14);
            w.WriteNumber("standing_loss_per_hour", 0.01);
            w.WriteNumber("comfort_min_kwh", 3);
            w.WriteNumber("comfort_max_kwh", 14);
            w.WriteNumber("initial_energy_kwh", 8);
            w.WriteNumber("final_energy_min_kwh", 8);
            CsvRef(w, "thermal_demand_kw", "profiles.csv", $"{h.Id}_heat_kw");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteBattery(Utf8JsonWriter w, string id, Battery b, double terminalValueEurPerMwh)
    {
        w.WriteStartObject();
        w.WriteString("type", "battery");
        w.WriteString("id", id);
        w.WriteNumber("capacity_kwh", b.CapacityKwh);
        w.WriteNumber("max_charge_kw", b.PowerKw);
        w.WriteNumber("max_discharge_kw", b.PowerKw);
        w.WriteNumber("charge_efficiency", 0.95);
        w.WriteNumber("discharge_efficiency", 0.95);
        w.WriteNumber("soc_min_kwh", Math.Round(0.1 * b.CapacityKwh, 2));
        w.WriteNumber("soc_max_kwh", b.CapacityKwh);
        w.WriteNumber("initial_soc_kwh", b.InitialKwh);
        w.WriteNumber("terminal_value_eur_per_mwh", terminalValueEurPerMwh);
        w.WriteNumber("degradation_cost_eur_per_mwh", 20);
        w.WriteEndObject();
    }

    private static void CsvRef(Utf8JsonWriter w, string property, string file, string column)
    {
        w.WriteStartObject(property);
        w.WriteString("csv", file);
        w.WriteString("column", column);
        w.WriteEndObject();
    }

    /// <summary>
    /// Hot-water draws of a household, kW_th per slot: 40 % of the day's heat from 06:30 to 08:00, 15 % from 12:00 to
    /// 13:00 and 45 % from 18:00 to 21:00 (local time).
    /// </summary>
    private static double[] HotWaterDraws(IReadOnlyList<DeliverySlot> slots, DateTimeZone zone, double dailyKwh)
    {
        (double From, double To, double Share)[] draws = [(6.5, 8, 0.40), (12, 13, 0.15), (18, 21, 0.45)];
        var values = new double[slots.Count];
        for (var t = 0; t < slots.Count; t++)
        {
            var hour = SyntheticProfiles.LocalHour(slots[t], zone);
            foreach (var (from, to, share) in draws)
            {
                if (hour >= from && hour < to)
                {
                    values[t] = Math.Round(dailyKwh * share / (to - from), 4);
                }
            }
        }

        return values;
    }

    /// <summary>A clear midsummer day in Swabia: 14 °C at 05:00, 27 °C at 17:00, a cosine in between (°C).</summary>
    private static double[] OutdoorTemperature(IReadOnlyList<DeliverySlot> slots, DateTimeZone zone) =>
        [.. slots.Select(s => Math.Round(20.5 - (6.5 * Math.Cos(2 * Math.PI * (SyntheticProfiles.LocalHour(s, zone) - 5) / 24)), 2))];

    private sealed record Household(string Id, string Bus, double DailyKwh, double ShiftHours, double PvKw, double PvOrientation, Battery? Battery, Ev? Ev, HeatPump? HeatPump);

    private sealed record Battery(double CapacityKwh, double PowerKw, double InitialKwh);

    private sealed record Ev(double CapacityKwh, double ChargerKw, int ArrivalMinute, double ArrivalEnergyKwh, double RequiredEnergyKwh);

    private sealed record HeatPump(double DailyHeatKwh);
}
