using Lem.Reports;
using Lem.Reports.Figures;

namespace Lem.Cli.Commands;

/// <summary>
/// The run folder of <c>lem flex --out DIR</c> next to <c>flex.json</c>, <c>orders.csv</c> and <c>flex_prices.csv</c>
/// (docs/reports.md#figures): <c>flex_loading.csv</c> (every branch and slot overloaded before or after the orders, its
/// loading in both AC power flows), <c>flex_voltage.csv</c> (the same for buses outside their voltage limits) and
/// <c>summary.json</c>; the report builder then draws the before/after figures and writes <c>report.html</c>.
/// </summary>
internal static class FlexOutputs
{
    /// <summary>Writes the files and the report; returns the names written.</summary>
    public static IReadOnlyList<string> Write(CliContext context, string folder, string scenario, FlexMarket market, FlexJson json, IReadOnlyList<FlexAcSlot> before, IReadOnlyList<FlexAcSlot> after)
    {
        var b = before.GroupBy(s => s.Slot).ToDictionary(g => g.Key, g => g.First());
        var a = after.GroupBy(s => s.Slot).ToDictionary(g => g.Key, g => g.First());
        var violations = before.SelectMany(s => s.Violations).Concat(after.SelectMany(s => s.Violations)).ToList();

        var loading = new StringBuilder("slot,branch,before_percent,after_percent\n");
        foreach (var v in Pairs(violations, overload: true))
        {
            loading.Append(Inv, $"{v.Slot},{Quote(v.Element)},{Value(b, v, s => s.LoadingPercent)},{Value(a, v, s => s.LoadingPercent)}\n");
        }

        var voltage = new StringBuilder("slot,bus,before_pu,after_pu,limit_pu\n");
        foreach (var v in Pairs(violations, overload: false))
        {
            voltage.Append(Inv, $"{v.Slot},{Quote(v.Element)},{Value(b, v, s => s.VoltagesPu)},{Value(a, v, s => s.VoltagesPu)},{Num(v.Limit)}\n");
        }

        File.WriteAllText(Path.Combine(folder, FlexLoadingFigure.File), loading.ToString(), new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(folder, FlexVoltageFigure.File), voltage.ToString(), new UTF8Encoding(false));
        using (var writer = new StreamWriter(Path.Combine(folder, "summary.json"), false, new UTF8Encoding(false)))
        {
            Json.Write(writer, w => Summary(w, scenario, market, json, before, after));
        }

        IReadOnlyList<string> written = ["flex.json", "orders.csv", "flex_prices.csv", FlexLoadingFigure.File, FlexVoltageFigure.File, "summary.json"];
        if (ReportCommand.Write(context, folder) is { } report)
        {
            written = [.. written, ReportBuilder.ReportFile, $"{ReportBuilder.PlotsFolder}/ ({report.Figures.Count} figures)"];
        }

        return written;
    }

    /// <summary>The overloads (or voltage violations) before or after, one per slot and element, in slot then element order; the limit of the first seen.</summary>
    private static IEnumerable<FlexViolation> Pairs(IEnumerable<FlexViolation> violations, bool overload) =>
        violations
            .Where(v => (v.Kind == "overload") == overload && v.ElementIndex >= 0)
            .GroupBy(v => (v.Slot, v.ElementIndex))
            .Select(g => g.First())
            .OrderBy(v => v.Slot).ThenBy(v => v.ElementIndex);

    /// <summary>The element's value in the slot's power flow, empty when the slot is missing or did not converge.</summary>
    private static string Value(Dictionary<int, FlexAcSlot> flows, FlexViolation v, Func<FlexAcSlot, IReadOnlyList<double>> values) =>
        flows.TryGetValue(v.Slot, out var s) && s.Converged && v.ElementIndex < values(s).Count ? Num(values(s)[v.ElementIndex]) : string.Empty;

    private static void Summary(Utf8JsonWriter w, string scenario, FlexMarket market, FlexJson json, IReadOnlyList<FlexAcSlot> before, IReadOnlyList<FlexAcSlot> after)
    {
        w.WriteStartObject();
        w.WriteString("command", "flex");
        w.WriteString("scenario", scenario);
        w.WriteString("mechanism", "flexibility");
        w.WriteString("trading", json.Trading ?? "auction");
        w.WriteString("pricing", json.Pricing);
        w.WriteString("status", json.Status);
        w.WriteNumber("cost_eur", json.CostEur);
        w.WriteNumber("slots", market.SlotCount);
        w.WriteNumber("offers", market.Offers.Count);
        w.WriteNumber("requests", market.Requests.Count);
        w.WriteNumber("orders", json.Orders.Count);
        w.WriteNumber("ordered_kw", Math.Round(json.Orders.Sum(o => Math.Abs(o.PowerKw)), 6));
        Counts(w, "before", before);
        Counts(w, "after", after);
        w.WriteEndObject();
    }

    private static void Counts(Utf8JsonWriter w, string when, IReadOnlyList<FlexAcSlot> flows)
    {
        var converged = flows.Where(s => s.Converged).ToList();
        w.WriteNumber($"violations_{when}", flows.Sum(s => s.Violations.Count));
        w.WriteNumber($"overloads_{when}", flows.Sum(s => s.Violations.Count(v => v.Kind == "overload")));
        w.WriteNumber($"voltage_violations_{when}", flows.Sum(s => s.Violations.Count(v => v.Kind != "overload")));
        w.WriteNumber($"slots_not_converged_{when}", flows.Count - converged.Count);
        Extreme(w, $"max_loading_{when}_percent", converged.SelectMany(s => s.LoadingPercent), max: true);
        Extreme(w, $"min_voltage_{when}_pu", converged.SelectMany(s => s.VoltagesPu), max: false);
        Extreme(w, $"max_voltage_{when}_pu", converged.SelectMany(s => s.VoltagesPu), max: true);
    }

    private static void Extreme(Utf8JsonWriter w, string name, IEnumerable<double> values, bool max)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, Math.Round(max ? finite.Max() : finite.Min(), 6));
        }
    }

    private static string Num(double v) => Math.Round(v, 6).ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
