using System.Globalization;
using System.Net;
using System.Text;

namespace Lem.Simulation.Compare;

/// <summary>The self-contained HTML report of a comparison: tables and inline SVG bar charts (docs/comparison.md#outputs).</summary>
public static class CompareHtml
{
    /// <summary>Renders the report.</summary>
    public static string Render(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Lem market design comparison</title>\n")
          .Append("<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}")
          .Append("td,th{border:1px solid #ccc;padding:.25em .5em;text-align:right}td:first-child,th:first-child{text-align:left}")
          .Append(".bar{fill:#4a7fb5}.lbl{font-size:12px}</style></head><body>\n");
        sb.Append("<h1>Market design comparison</h1>\n<p>")
          .Append(E(FormattableString.Invariant($"{report.Source}: {report.Days} day(s), agents {report.Agents}, forecast {report.Forecast}, redispatch {report.Redispatch}, seed {report.Seed}.")))
          .Append(" Metrics and formulas: docs/comparison.md.</p>\n");

        sb.Append("<h2>Metrics per design</h2>\n<table><tr>");
        string[] heads = ["design", "welfare EUR", "gap to pool %", "avg price EUR/MWh", "spread EUR/MWh", "mean savings EUR", "Jain", "Gini", "worse off", "violations before/after", "clearing s", "messages", "bytes"];
        foreach (var h in heads)
        {
            sb.Append("<th>").Append(E(h)).Append("</th>");
        }

        sb.Append("</tr>\n");
        foreach (var m in report.Designs)
        {
            Row(sb, [m.Design, CompareFiles.N(m.WelfareEur), F(m.WelfareGapPercent, "0.00"), F(m.AveragePriceEurPerMwh, "0.00"), F(m.PriceSpreadEurPerMwh, "0.00"),
                CompareFiles.N(m.MeanSavingsEur), F(m.JainIndex, "0.0000"), F(m.GiniCoefficient, "0.0000"), CompareFiles.N(m.WorseOffCount),
                $"{m.ViolationsBefore.ToString(CultureInfo.InvariantCulture)} / {m.ViolationsAfter.ToString(CultureInfo.InvariantCulture)}", F(m.ClearingSeconds, "0.000"),
                CompareFiles.N(m.Messages), CompareFiles.N(m.Bytes)]);
        }

        sb.Append("</table>\n");
        foreach (var f in report.Failures)
        {
            sb.Append("<p><b>").Append(E(f.Design)).Append("</b> could not be simulated: ").Append(E(f.Reason)).Append("</p>\n");
        }

        Chart(sb, "Welfare (EUR)", report.Designs.Select(m => (m.Design, (double)m.WelfareEur)));
        Chart(sb, "Mean savings per participant (EUR)", report.Designs.Select(m => (m.Design, (double)m.MeanSavingsEur)));
        Chart(sb, "Clearing time (s)", report.Designs.Select(m => (m.Design, m.ClearingSeconds)));
        Chart(sb, "Messages", report.Designs.Select(m => (m.Design, (double)m.Messages)));

        sb.Append("<h2>What each party learns</h2>\n");
        foreach (var m in report.Designs)
        {
            sb.Append("<h3>").Append(E(m.Design)).Append("</h3><table><tr><th>party</th><th>learns</th></tr>\n");
            foreach (var i in m.Information)
            {
                sb.Append("<tr><td>").Append(E(i.Party)).Append("</td><td style=\"text-align:left\">").Append(E(i.Learns)).Append("</td></tr>\n");
            }

            sb.Append("</table>\n");
            foreach (var n in m.Notes)
            {
                sb.Append("<p>").Append(E(n)).Append("</p>\n");
            }
        }

        if (report.Scaling.Count > 0)
        {
            sb.Append("<h2>Scaling (one day)</h2>\n<table><tr><th>design</th><th>agents</th><th>clearing s</th><th>wall s</th><th>messages</th><th>bytes</th><th>note</th></tr>\n");
            foreach (var r in report.Scaling)
            {
                Row(sb, [r.Design, CompareFiles.N(r.Agents), F(r.ClearingSeconds, "0.000"), F(r.WallSeconds, "0.000"), CompareFiles.N(r.Messages), CompareFiles.N(r.Bytes), r.Note ?? string.Empty]);
            }

            sb.Append("</table>\n");
        }

        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, IEnumerable<string> cells)
    {
        sb.Append("<tr>");
        foreach (var c in cells)
        {
            sb.Append("<td>").Append(E(c)).Append("</td>");
        }

        sb.Append("</tr>\n");
    }

    private static void Chart(StringBuilder sb, string title, IEnumerable<(string Label, double Value)> data)
    {
        var items = data.Where(d => double.IsFinite(d.Value)).ToList();
        if (items.Count == 0)
        {
            return;
        }

        const int barHeight = 18, labelWidth = 110, width = 420;
        var max = Math.Max(1e-12, items.Max(i => Math.Abs(i.Value)));
        sb.Append("<h3>").Append(E(title)).Append("</h3>\n")
          .Append(FormattableString.Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + width + 120}\" height=\"{(items.Count * (barHeight + 4)) + 4}\">\n"));
        for (var k = 0; k < items.Count; k++)
        {
            var y = 2 + (k * (barHeight + 4));
            var w = Math.Abs(items[k].Value) / max * width;
            sb.Append(FormattableString.Invariant($"<text class=\"lbl\" x=\"0\" y=\"{y + 13}\">{E(items[k].Label)}</text>"))
              .Append(FormattableString.Invariant($"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y}\" width=\"{w:0.0}\" height=\"{barHeight}\"/>"))
              .Append(FormattableString.Invariant($"<text class=\"lbl\" x=\"{labelWidth + w + 4:0.0}\" y=\"{y + 13}\">{E(items[k].Value.ToString("0.###", CultureInfo.InvariantCulture))}</text>\n"));
        }

        sb.Append("</svg>\n");
    }

    private static string F(double? v, string format) => v is { } d && double.IsFinite(d) ? d.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
