using System.Net;

namespace Lem.Reports;

/// <summary>
/// Renders <c>report.html</c>: the summary tables (from <c>summary.json</c>, <c>kpis.json</c>, <c>compare.json</c> and the
/// small CSVs) and every plot, referenced by relative path so the folder reads offline (no script, no CDN). The markup is
/// well-formed XML (docs/reports.md#report-html).
/// </summary>
public static class ReportHtml
{
    /// <summary>The JSON files whose fields become tables, in order.</summary>
    public static readonly IReadOnlyList<string> JsonFiles = ["summary.json", "kpis.json", "compare.json"];

    /// <summary>The CSV files shown as tables when present (small, one row per day, design, round or size).</summary>
    public static readonly IReadOnlyList<string> CsvFiles = ["compare.csv", "scaling.csv", "days.csv", "redispatch.csv", "allocation.csv"];

    /// <summary>The most rows a table shows; longer ones say how many rows they left out.</summary>
    public const int MaxRows = 200;

    private const string Style = "body{font-family:sans-serif;margin:1.5em;max-width:1000px}table{border-collapse:collapse;margin:0.5em 0 1.5em}"
        + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}"
        + "figure{margin:1em 0 2em}img{max-width:100%;height:auto;border:1px solid #ddd}figcaption{color:#333;margin-top:0.3em}";

    /// <summary>The report's HTML for <paramref name="run"/> with the drawn figures and their titles.</summary>
    public static string Render(RunFolder run, IReadOnlyList<(IFigure Figure, string Title)> figures)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(figures);
        var h = new StringBuilder();
        var title = $"Lem report: {run.Where()}";
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        h.Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1>").Append(E(title)).Append("</h1>\n");
        if (figures.Count > 0)
        {
            h.Append("<h2>Plots</h2>\n<ul>\n");
            foreach (var (f, t) in figures)
            {
                h.Append("<li><a href=\"#").Append(E(f.Name)).Append("\">").Append(E(t)).Append("</a></li>\n");
            }

            h.Append("</ul>\n");
        }

        h.Append("<h2>Summary</h2>\n");
        foreach (var file in JsonFiles.Where(run.Has))
        {
            if (run.Json(file) is { ValueKind: JsonValueKind.Object } root)
            {
                JsonTables(h, file, root, deep: file != "compare.json");
            }
        }

        foreach (var file in CsvFiles.Where(run.Has))
        {
            var t = run.Csv(file);
            Table(h, file, t.Columns, t.Rows);
        }

        foreach (var (f, t) in figures)
        {
            var svg = $"{ReportBuilder.PlotsFolder}/{f.Name}.svg";
            var png = $"{ReportBuilder.PlotsFolder}/{f.Name}.png";
            h.Append("<figure id=\"").Append(E(f.Name)).Append("\">\n<h3>").Append(E(t)).Append("</h3>\n");
            h.Append("<img src=\"").Append(E(svg)).Append("\" alt=\"").Append(E(t)).Append("\" width=\"").Append(FigureStyle.WidthPx.ToString(CultureInfo.InvariantCulture))
                .Append("\" height=\"").Append(FigureStyle.HeightPx.ToString(CultureInfo.InvariantCulture)).Append("\" />\n");
            h.Append("<figcaption>").Append(E(f.Caption)).Append(" Data: ").Append(E(string.Join(", ", f.RequiredFiles)))
                .Append(". <a href=\"").Append(E(png)).Append("\">PNG</a> · <a href=\"").Append(E(svg)).Append("\">SVG</a></figcaption>\n</figure>\n");
        }

        h.Append("<h2>Files</h2>\n<ul>\n");
        foreach (var file in Directory.EnumerateFiles(run.Path).Select(Path.GetFileName).OfType<string>().Where(n => n != ReportBuilder.ReportFile).Order(StringComparer.Ordinal))
        {
            h.Append("<li><a href=\"").Append(E(file)).Append("\">").Append(E(file)).Append("</a></li>\n");
        }

        h.Append("</ul>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void JsonTables(StringBuilder h, string file, JsonElement root, bool deep)
    {
        var scalars = root.EnumerateObject().Where(p => IsScalar(p.Value)).Select(p => (IReadOnlyList<string>)[p.Name, Scalar(p.Value)]).ToList();
        Table(h, file, ["field", "value"], scalars);
        if (!deep)
        {
            return;
        }

        foreach (var p in root.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Object)
            {
                var rows = p.Value.EnumerateObject().Where(q => IsScalar(q.Value)).Select(q => (IReadOnlyList<string>)[q.Name, Scalar(q.Value)]).ToList();
                if (rows.Count > 0)
                {
                    Table(h, $"{file}: {p.Name}", ["field", "value"], rows);
                }
            }
            else if (p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0 && p.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object))
            {
                var columns = p.Value[0].EnumerateObject().Where(q => IsScalar(q.Value)).Select(q => q.Name).ToList();
                if (columns.Count == 0)
                {
                    continue;
                }

                var rows = p.Value.EnumerateArray()
                    .Select(e => (IReadOnlyList<string>)[.. columns.Select(c => e.TryGetProperty(c, out var v) && IsScalar(v) ? Scalar(v) : string.Empty)])
                    .ToList();
                Table(h, $"{file}: {p.Name}", columns, rows);
            }
        }
    }

    private static void Table(StringBuilder h, string caption, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        h.Append("<table>\n<caption>").Append(E(caption)).Append(rows.Count > MaxRows ? $" (first {MaxRows} of {rows.Count} rows)" : string.Empty).Append("</caption>\n<tr>");
        foreach (var c in columns)
        {
            h.Append("<th>").Append(E(c)).Append("</th>");
        }

        h.Append("</tr>\n");
        foreach (var row in rows.Take(MaxRows))
        {
            h.Append("<tr>");
            foreach (var cell in row)
            {
                h.Append("<td>").Append(E(cell)).Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</table>\n");
    }

    private static bool IsScalar(JsonElement e) => e.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null;

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? string.Empty,
        JsonValueKind.Number => e.TryGetDouble(out var d) && Math.Abs(d) < 1e15 && d != Math.Round(d) ? d.ToString("G6", CultureInfo.InvariantCulture) : e.GetRawText(),
        JsonValueKind.Null => "",
        _ => e.GetRawText(),
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
