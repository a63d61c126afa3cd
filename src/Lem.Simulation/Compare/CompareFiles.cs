using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lem.Simulation.Compare;

/// <summary>
/// Writes a comparison (docs/comparison.md#outputs): <c>compare.json</c> (everything, with each participant's outcome),
/// <c>compare.csv</c> (one row per design), <c>scaling.csv</c> (one row per design and size) and <c>compare.html</c>
/// (a self-contained report). Invariant culture; rows in the order of the report.
/// </summary>
public static class CompareFiles
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The CSV columns of <c>compare.csv</c>.</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "design", "mechanism", "days", "participants", "welfare_eur", "welfare_gap_percent", "average_price_eur_per_mwh",
        "price_spread_eur_per_mwh", "total_bill_eur", "total_baseline_eur", "mean_savings_eur", "jain", "gini", "worse_off",
        "violations_before", "violations_after", "redispatch_rounds", "clearing_seconds", "wall_seconds", "messages", "bytes",
    ];

    /// <summary>Writes the four files into <paramref name="directory"/> (created) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(ComparisonReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(false);
        var files = new List<string>();
        void Put(string name, string text)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text, utf8);
            files.Add(path);
        }

        Put("compare.json", Json(report));
        Put("compare.csv", Csv(report));
        Put("scaling.csv", ScalingCsv(report));
        Put("compare.html", CompareHtml.Render(report));
        return files;
    }

    /// <summary>The <c>compare.csv</c> text.</summary>
    public static string Csv(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder().AppendJoin(',', CsvColumns).Append('\n');
        foreach (var m in report.Designs)
        {
            sb.AppendJoin(',', [
                m.Design, m.Mechanism, N(m.Days), N(m.Participants), N(m.WelfareEur), N(m.WelfareGapPercent), N(m.AveragePriceEurPerMwh),
                N(m.PriceSpreadEurPerMwh), N(m.TotalBillEur), N(m.TotalBaselineEur), N(m.MeanSavingsEur), N(m.JainIndex), N(m.GiniCoefficient),
                N(m.WorseOffCount), N(m.ViolationsBefore), N(m.ViolationsAfter), N(m.RedispatchRounds), N(m.ClearingSeconds), N(m.WallSeconds),
                N(m.Messages), N(m.Bytes),
            ]).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The <c>scaling.csv</c> text.</summary>
    public static string ScalingCsv(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder("design,agents,clearing_seconds,wall_seconds,messages,bytes,note\n");
        foreach (var r in report.Scaling)
        {
            sb.AppendJoin(',', [r.Design, N(r.Agents), N(r.ClearingSeconds), N(r.WallSeconds), N(r.Messages), N(r.Bytes), Quote(r.Note ?? string.Empty)]).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The <c>compare.json</c> text.</summary>
    public static string Json(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("source", report.Source);
            w.WriteNumber("days", report.Days);
            w.WriteString("agents", report.Agents);
            w.WriteString("forecast", report.Forecast);
            w.WriteString("redispatch", report.Redispatch);
            w.WriteNumber("seed", report.Seed);
            w.WriteStartArray("designs");
            foreach (var m in report.Designs)
            {
                w.WriteStartObject();
                w.WriteString("design", m.Design);
                w.WriteString("mechanism", m.Mechanism);
                w.WriteNumber("days", m.Days);
                w.WriteNumber("participants", m.Participants);
                w.WriteNumber("welfare_eur", m.WelfareEur);
                Num(w, "welfare_gap_percent", m.WelfareGapPercent);
                Num(w, "average_price_eur_per_mwh", m.AveragePriceEurPerMwh);
                Num(w, "price_spread_eur_per_mwh", m.PriceSpreadEurPerMwh);
                w.WriteNumber("total_bill_eur", m.TotalBillEur);
                w.WriteNumber("total_baseline_eur", m.TotalBaselineEur);
                w.WriteNumber("mean_savings_eur", m.MeanSavingsEur);
                Num(w, "jain", m.JainIndex);
                Num(w, "gini", m.GiniCoefficient);
                w.WriteNumber("worse_off", m.WorseOffCount);
                w.WriteNumber("violations_before", m.ViolationsBefore);
                w.WriteNumber("violations_after", m.ViolationsAfter);
                w.WriteNumber("redispatch_rounds", m.RedispatchRounds);
                w.WriteNumber("clearing_seconds", Math.Round(m.ClearingSeconds, 4));
                w.WriteNumber("wall_seconds", Math.Round(m.WallSeconds, 4));
                w.WriteNumber("messages", m.Messages);
                w.WriteNumber("bytes", m.Bytes);
                w.WriteStartArray("information");
                foreach (var i in m.Information)
                {
                    w.WriteStartObject();
                    w.WriteString("party", i.Party);
                    w.WriteString("learns", i.Learns);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("notes");
                foreach (var n in m.Notes)
                {
                    w.WriteStringValue(n);
                }

                w.WriteEndArray();
                w.WriteStartArray("participants_outcomes");
                foreach (var o in m.Outcomes)
                {
                    w.WriteStartObject();
                    w.WriteString("participant", o.Participant.Value);
                    w.WriteNumber("bill_eur", o.BillEur);
                    w.WriteNumber("baseline_eur", o.BaselineEur);
                    w.WriteNumber("savings_eur", o.SavingsEur);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("failures");
            foreach (var f in report.Failures)
            {
                w.WriteStartObject();
                w.WriteString("design", f.Design);
                w.WriteString("reason", f.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("scaling_limit_seconds", report.ScalingLimitSeconds);
            w.WriteStartArray("scaling");
            foreach (var r in report.Scaling)
            {
                w.WriteStartObject();
                w.WriteString("design", r.Design);
                w.WriteNumber("agents", r.Agents);
                Num(w, "clearing_seconds", r.ClearingSeconds is { } c ? Math.Round(c, 4) : null);
                Num(w, "wall_seconds", r.WallSeconds is { } s ? Math.Round(s, 4) : null);
                if (r.Messages is { } msg)
                {
                    w.WriteNumber("messages", msg);
                    w.WriteNumber("bytes", r.Bytes ?? 0);
                }

                if (r.Note is not null)
                {
                    w.WriteString("note", r.Note);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A number for CSV and HTML: invariant, up to 6 decimals; empty for null or NaN.</summary>
    public static string N(double? v) => v is { } d && double.IsFinite(d) ? d.ToString("0.######", Inv) : string.Empty;

    /// <summary>A decimal for CSV and HTML.</summary>
    public static string N(decimal v) => v.ToString("0.######", Inv);

    /// <summary>An integer for CSV and HTML; empty for null.</summary>
    public static string N(long? v) => v?.ToString(Inv) ?? string.Empty;

    /// <summary>An integer for CSV and HTML.</summary>
    public static string N(long v) => v.ToString(Inv);

    /// <summary>An integer for CSV and HTML.</summary>
    public static string N(int v) => v.ToString(Inv);

    private static void Num(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } d && double.IsFinite(d))
        {
            w.WriteNumber(name, Math.Round(d, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
}
