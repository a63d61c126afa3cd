using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lem.Simulation.Days;

namespace Lem.Simulation.Outputs;

/// <summary>
/// The files of a simulation (docs/simulation.md#outputs): <c>days.csv</c>, <c>slots.csv</c>, <c>participants.csv</c>
/// and <c>summary.json</c>, which depend only on the settings and the seed (byte for byte), and <c>timings.csv</c>
/// with the wall time of each day's phases, which does not. Invariant culture, rows in day, slot and input order.
/// </summary>
public static class SimulationFiles
{
    /// <summary>The files that are byte-identical for equal settings and seed.</summary>
    public static IReadOnlyList<string> DeterministicFiles { get; } = ["days.csv", "slots.csv", "participants.csv", "summary.json"];

    /// <summary>The file with wall times.</summary>
    public const string TimingsFile = "timings.csv";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the files into <paramref name="folder"/> (created when missing) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string folder, SimulationResult result)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        void Save(string name, string text)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            files.Add(path);
        }

        Save("days.csv", Days(result));
        Save("slots.csv", Slots(result));
        Save("participants.csv", Participants(result));
        Save("summary.json", Summary(result, includeTimings: false) + "\n");
        Save(TimingsFile, Timings(result));
        return files;
    }

    /// <summary><c>days.csv</c>: one row per day.</summary>
    public static string Days(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var b = new StringBuilder("day,date,status,welfare_eur,day_ahead_eur,intraday_eur,imbalance_eur,bills_eur,imbalance_kwh,import_kwh,export_kwh,violations_before,violations_after,redispatch_rounds,welfare_lost_eur,intraday_trades,messages,bytes\n");
        foreach (var d in result.Days)
        {
            var hours = d.DayAheadMarket.Horizon.SlotHours;
            b.Append(Inv, $"{d.Day},{Date(d)},{d.DayAhead.Final.StatusName},{M(d.WelfareEur)},{M(d.Participants.Sum(p => p.DayAheadEur))},{M(d.Participants.Sum(p => p.IntradayEur))},{M(d.Participants.Sum(p => p.ImbalanceEur))},{M(d.Participants.Sum(p => p.BillEur))},")
                .Append(Inv, $"{N(d.ImbalanceKwh)},{N(d.ImportKw.Sum() * hours)},{N(d.ExportKw.Sum() * hours)},{d.DayAhead.ViolationsBefore},{d.DayAhead.ViolationsAfter},{d.DayAhead.Rounds},{M(d.DayAhead.WelfareLostEur)},{d.IntradayTrades},{d.Messages},{d.Bytes}\n");
        }

        return b.ToString();
    }

    /// <summary><c>slots.csv</c>: one row per day and slot.</summary>
    public static string Slots(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var b = new StringBuilder("day,slot,start,price_eur_per_mwh,import_kw,export_kw,imbalance_kw\n");
        foreach (var d in result.Days)
        {
            var horizon = d.DayAheadMarket.Horizon;
            for (var t = 0; t < horizon.Count; t++)
            {
                var start = horizon.Slots[t].Start.InZone(horizon.Zone).ToString("uuuu-MM-dd'T'HH:mmo<G>", Inv);
                var price = t < d.PriceEurPerMwh.Count && double.IsFinite(d.PriceEurPerMwh[t]) ? N(d.PriceEurPerMwh[t]) : string.Empty;
                b.Append(Inv, $"{d.Day},{t},{start},{price},{N(d.ImportKw[t])},{N(d.ExportKw[t])},{N(d.ImbalanceKw[t])}\n");
            }
        }

        return b.ToString();
    }

    /// <summary><c>participants.csv</c>: one row per day and participant (input order).</summary>
    public static string Participants(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var b = new StringBuilder("day,participant,day_ahead_eur,intraday_eur,imbalance_eur,bill_eur,delivered_net_kwh\n");
        foreach (var d in result.Days)
        {
            var hours = d.DayAheadMarket.Horizon.SlotHours;
            foreach (var p in d.Participants)
            {
                b.Append(Inv, $"{d.Day},{p.Participant.Value},{M(p.DayAheadEur)},{M(p.IntradayEur)},{M(p.ImbalanceEur)},{M(p.BillEur)},{N(p.DeliveredKw.Sum() * hours)}\n");
            }
        }

        return b.ToString();
    }

    /// <summary><c>timings.csv</c>: the wall time of each day's phases, seconds.</summary>
    public static string Timings(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var b = new StringBuilder("day,forecast_s,bids_s,clearing_s,ac_check_s,intraday_s,settlement_s,total_s\n");
        foreach (var d in result.Days)
        {
            var t = d.Timings;
            b.Append(Inv, $"{d.Day},{S(t.ForecastSeconds)},{S(t.BidSeconds)},{S(t.ClearingSeconds)},{S(t.AcCheckSeconds)},{S(t.IntradaySeconds)},{S(t.SettlementSeconds)},{S(t.TotalSeconds)}\n");
        }

        return b.ToString();
    }

    /// <summary>The summary as indented JSON (without a trailing newline); with <paramref name="includeTimings"/> the wall times too.</summary>
    public static string Summary(SimulationResult result, bool includeTimings)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Settings;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("source", s.Source.Name);
            w.WriteNumber("days", result.Days.Count);
            w.WriteString("mechanism", s.Mechanism);
            w.WriteString("agents", s.Agents);
            w.WriteString("forecast", s.Forecast);
            w.WriteNumber("forecast_error", s.ForecastError);
            w.WriteString("intraday", s.Intraday);
            w.WriteString("redispatch", s.Redispatch);
            w.WriteNumber("seed", s.Seed);
            var all = result.Days;
            w.WriteStartObject("totals");
            w.WriteNumber("welfare_eur", Math.Round(all.Sum(d => d.WelfareEur), 6));
            w.WriteNumber("day_ahead_eur", Math.Round(all.Sum(d => d.Participants.Sum(p => p.DayAheadEur)), 6));
            w.WriteNumber("intraday_eur", Math.Round(all.Sum(d => d.Participants.Sum(p => p.IntradayEur)), 6));
            w.WriteNumber("imbalance_eur", Math.Round(all.Sum(d => d.Participants.Sum(p => p.ImbalanceEur)), 6));
            w.WriteNumber("bills_eur", Math.Round(all.Sum(d => d.Participants.Sum(p => p.BillEur)), 6));
            w.WriteNumber("imbalance_kwh", Math.Round(all.Sum(d => d.ImbalanceKwh), 6));
            w.WriteNumber("violations_before", all.Sum(d => d.DayAhead.ViolationsBefore));
            w.WriteNumber("violations_after", all.Sum(d => d.DayAhead.ViolationsAfter));
            w.WriteNumber("redispatch_rounds", all.Sum(d => d.DayAhead.Rounds));
            w.WriteNumber("welfare_lost_eur", Math.Round(all.Sum(d => d.DayAhead.WelfareLostEur), 6));
            w.WriteNumber("intraday_trades", all.Sum(d => d.IntradayTrades));
            w.WriteNumber("messages", all.Sum(d => d.Messages));
            w.WriteNumber("bytes", all.Sum(d => d.Bytes));
            w.WriteNumber("days_not_cleared", all.Count(d => !d.DayAhead.Final.HasSchedule));
            w.WriteEndObject();
            w.WriteStartArray("participants");
            foreach (var g in all.SelectMany(d => d.Participants).GroupBy(p => p.Participant).OrderBy(g => g.Key.Value, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("participant", g.Key.Value);
                w.WriteNumber("bill_eur", Math.Round(g.Sum(p => p.BillEur), 6));
                w.WriteNumber("imbalance_eur", Math.Round(g.Sum(p => p.ImbalanceEur), 6));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (var warning in all.SelectMany(d => d.Warnings))
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            if (includeTimings)
            {
                w.WriteStartObject("timings_seconds");
                w.WriteNumber("wall", Math.Round(result.WallSeconds, 3));
                w.WriteNumber("forecast", Math.Round(all.Sum(d => d.Timings.ForecastSeconds), 3));
                w.WriteNumber("bids", Math.Round(all.Sum(d => d.Timings.BidSeconds), 3));
                w.WriteNumber("clearing", Math.Round(all.Sum(d => d.Timings.ClearingSeconds), 3));
                w.WriteNumber("ac_check", Math.Round(all.Sum(d => d.Timings.AcCheckSeconds), 3));
                w.WriteNumber("intraday", Math.Round(all.Sum(d => d.Timings.IntradaySeconds), 3));
                w.WriteNumber("settlement", Math.Round(all.Sum(d => d.Timings.SettlementSeconds), 3));
                w.WriteEndObject();
            }

            w.WriteString("units", "money in EUR (positive: paid), energy in kWh, power in kW, prices in EUR/MWh");
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Date(SimulatedDay d) => d.DayAheadMarket.Horizon.Start.InZone(d.DayAheadMarket.Horizon.Zone).Date.ToString("uuuu-MM-dd", Inv);

    private static string N(double v) => (Math.Round(v, 6) + 0.0).ToString("0.######", Inv);

    private static string M(decimal v) => Math.Round(v, 6).ToString("0.######", Inv);

    private static string S(double v) => v.ToString("0.000000", Inv);
}
