using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lem.Testing;
using NodaTime;
using NodaTime.Text;

namespace Lem.Server.Tests;

/// <summary>
/// The village example (<c>examples/village</c>) as one inline scenario, the form a pool market takes over HTTP: each
/// <c>{"csv", "column"}</c> series becomes its column's values, the pandapower grid file becomes an inline grid (buses with
/// the external grid's bus as slack, lines per km, the transformer's nameplate), and the horizon is moved to start at a
/// given instant (same slot length and count), the local date-times in it (the EVs' arrivals and departures) by as much.
/// </summary>
internal static partial class VillageInlineScenario
{
    /// <summary>The village's scenario, inline, with its horizon starting at <paramref name="start"/>.</summary>
    public static JsonObject Create(DateTimeOffset start)
    {
        var folder = RepoPaths.InRepo("examples", "village");
        var scenario = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "scenario.json")))!.AsObject();
        scenario.Remove("$schema");
        var tables = new Dictionary<string, (string[] Header, List<string[]> Rows)>(StringComparer.Ordinal);
        var zone = DateTimeZoneProviders.Tzdb[scenario["horizon"]!["time_zone"]!.GetValue<string>()];
        var originalStart = zone.AtStartOfDay(LocalDatePattern.Iso.Parse(scenario["horizon"]!["market_day"]!.GetValue<string>()).Value).ToInstant();
        var shift = Instant.FromDateTimeOffset(start) - originalStart;
        InlineSeries(scenario, folder, tables, zone, shift);
        var gridFile = scenario["grid"]!["file"]!.GetValue<string>();
        Assert.Equal("pandapower", scenario["grid"]!["format"]!.GetValue<string>());
        scenario["grid"] = Grid(Path.Combine(folder, gridFile));

        var horizon = scenario["horizon"]!.AsObject();
        var slotMinutes = horizon["slot_minutes"]!.GetValue<int>();
        var slots = tables.Values.First().Rows.Count;
        scenario["horizon"] = new JsonObject
        {
            ["time_zone"] = horizon["time_zone"]!.GetValue<string>(),
            ["slot_minutes"] = slotMinutes,
            ["start"] = Iso(start),
            ["end"] = Iso(start.AddMinutes(slotMinutes * slots)),
        };
        return scenario;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")]
    private static partial Regex LocalDateTime();

    private static void InlineSeries(JsonNode node, string folder, Dictionary<string, (string[] Header, List<string[]> Rows)> tables, DateTimeZone zone, Duration shift)
    {
        if (node is JsonObject o)
        {
            foreach (var (name, child) in o.ToList())
            {
                if (child is JsonObject series && series.ContainsKey("csv"))
                {
                    Assert.Equal(["column", "csv"], series.Select(kv => kv.Key).Order(StringComparer.Ordinal));
                    var file = series["csv"]!.GetValue<string>();
                    if (!tables.TryGetValue(file, out var table))
                    {
                        var lines = File.ReadAllLines(Path.Combine(folder, file)).Where(l => l.Length > 0).ToArray();
                        table = (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
                        tables.Add(file, table);
                    }

                    var column = Array.IndexOf(table.Header, series["column"]!.GetValue<string>());
                    Assert.True(column > 0, $"{file} has no column {series["column"]}");
                    o[name] = new JsonArray(table.Rows.Select(r => (JsonNode)JsonValue.Create(double.Parse(r[column], CultureInfo.InvariantCulture))).ToArray());
                }
                else if (child is JsonValue v && v.TryGetValue<string>(out var text) && LocalDateTime().IsMatch(text))
                {
                    var local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm").Parse(text).Value;
                    o[name] = Iso((zone.AtStrictly(local).ToInstant() + shift).ToDateTimeOffset());
                }
                else if (child is not null)
                {
                    InlineSeries(child, folder, tables, zone, shift);
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                if (child is not null)
                {
                    InlineSeries(child, folder, tables, zone, shift);
                }
            }
        }
    }

    private static JsonObject Grid(string path)
    {
        var net = JsonNode.Parse(File.ReadAllText(path))!["_object"]!;
        var ext = Table(net, "ext_grid");
        var slackBus = ext.Rows.Single()[ext.Column("bus")]!.GetValue<long>();
        var slackVm = ext.Rows.Single()[ext.Column("vm_pu")]!.GetValue<double>();

        var bus = Table(net, "bus");
        var buses = new JsonArray();
        for (var i = 0; i < bus.Rows.Count; i++)
        {
            var r = bus.Rows[i];
            var b = new JsonObject
            {
                ["id"] = bus.Index[i].ToString(CultureInfo.InvariantCulture),
                ["vn_kv"] = r[bus.Column("vn_kv")]!.GetValue<double>(),
                ["in_service"] = r[bus.Column("in_service")]!.GetValue<bool>(),
            };
            if (bus.Index[i] == slackBus)
            {
                b["slack"] = true;
                b["vm_pu"] = slackVm;
            }

            buses.Add(b);
        }

        var line = Table(net, "line");
        var lines = new JsonArray();
        for (var i = 0; i < line.Rows.Count; i++)
        {
            var r = line.Rows[i];
            Assert.Equal(1, r[line.Column("parallel")]!.GetValue<int>());
            lines.Add(new JsonObject
            {
                ["id"] = "line_" + line.Index[i].ToString(CultureInfo.InvariantCulture),
                ["from_bus"] = r[line.Column("from_bus")]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
                ["to_bus"] = r[line.Column("to_bus")]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
                ["length_km"] = r[line.Column("length_km")]!.GetValue<double>(),
                ["r_ohm_per_km"] = r[line.Column("r_ohm_per_km")]!.GetValue<double>(),
                ["x_ohm_per_km"] = r[line.Column("x_ohm_per_km")]!.GetValue<double>(),
                ["c_nf_per_km"] = r[line.Column("c_nf_per_km")]!.GetValue<double>(),
                ["max_i_ka"] = r[line.Column("max_i_ka")]!.GetValue<double>() * r[line.Column("df")]!.GetValue<double>(),
                ["in_service"] = r[line.Column("in_service")]!.GetValue<bool>(),
            });
        }

        var trafo = Table(net, "trafo");
        var transformers = new JsonArray();
        for (var i = 0; i < trafo.Rows.Count; i++)
        {
            var r = trafo.Rows[i];
            var t = new JsonObject { ["id"] = "trafo_" + trafo.Index[i].ToString(CultureInfo.InvariantCulture) };
            foreach (var c in new[] { "hv_bus", "lv_bus" })
            {
                t[c] = r[trafo.Column(c)]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
            }

            foreach (var c in new[] { "sn_mva", "vn_hv_kv", "vn_lv_kv", "vk_percent", "vkr_percent", "pfe_kw", "i0_percent", "shift_degree" })
            {
                t[c] = r[trafo.Column(c)]!.GetValue<double>();
            }

            t["in_service"] = r[trafo.Column("in_service")]!.GetValue<bool>();
            transformers.Add(t);
        }

        return new JsonObject
        {
            ["name"] = "kerber_dorfnetz",
            ["base_mva"] = net["sn_mva"]!.GetValue<double>(),
            ["frequency_hz"] = net["f_hz"]!.GetValue<double>(),
            ["buses"] = buses,
            ["lines"] = lines,
            ["transformers"] = transformers,
        };
    }

    /// <summary>A pandapower table: its columns, its index and its rows (the DataFrame's split-oriented JSON).</summary>
    private static PandapowerTable Table(JsonNode net, string name)
    {
        var frame = JsonNode.Parse(net[name]!["_object"]!.GetValue<string>())!;
        var columns = frame["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        var index = frame["index"]!.AsArray().Select(i => i!.GetValue<long>()).ToList();
        var rows = frame["data"]!.AsArray().Select(r => r!.AsArray()).ToList();
        return new PandapowerTable(columns, index, rows);
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record PandapowerTable(List<string> Columns, List<long> Index, List<JsonArray> Rows)
    {
        public int Column(string name)
        {
            var i = Columns.IndexOf(name);
            Assert.True(i >= 0, $"no column {name}");
            return i;
        }
    }
}
