using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Grid.PowerFlow;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Settlement.Billing;
using Lem.Settlement.Invoices;

namespace Lem.Pipeline;

/// <summary>
/// The outputs of a pipeline run: <c>summary.json</c> (common fields, the mechanism's own, the AC check, the settlement's
/// KPIs), <c>prices.csv</c>, the mechanism's files and the invoices.
/// </summary>
public static class ClearingOutputs
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The summary JSON (indented); <paramref name="invoiceFolder"/> names the invoices' folder when they were written.</summary>
    public static string Summary(PipelineResult run, string? invoiceFolder = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var c = run.ReportContext;
        var r = c.Result;
        var s = run.Scenario;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("scenario", s.Name);
            w.WriteString("mechanism", r.Mechanism);
            w.WriteString("grid", r.Formulation);
            w.WriteString("status", r.StatusName);
            if (r.Message is not null)
            {
                w.WriteString("message", r.Message);
            }

            var hours = s.Horizon.SlotHours;
            w.WriteNumber("welfare_eur", r.WelfareEur);
            w.WriteNumber("import_mwh", r.ImportKw.Sum() * hours / 1000);
            w.WriteNumber("export_mwh", r.ExportKw.Sum() * hours / 1000);
            r.Report?.WriteSummaryHead(w, c);
            w.WriteNumber("slot_count", r.PricesEurPerMwh.Count);
            w.WriteNumber("slot_minutes", s.Horizon.SlotLength.Minutes);
            w.WriteStartArray("prices");
            for (var t = 0; t < r.PricesEurPerMwh.Count; t++)
            {
                var prices = r.PricesEurPerMwh[t];
                w.WriteStartObject();
                w.WriteNumber("slot", t);
                w.WriteString("start", c.SlotTime(t));
                if (r.PriceSources is { } sources)
                {
                    w.WriteString("source", sources[t]);
                }

                w.WriteNumber("min_eur_per_mwh", prices.Count == 0 ? 0 : prices.Min());
                w.WriteNumber("max_eur_per_mwh", prices.Count == 0 ? 0 : prices.Max());
                w.WriteStartArray("buses");
                for (var b = 0; b < prices.Count; b++)
                {
                    w.WriteStartObject();
                    w.WriteString("id", r.PriceLocations.Count > b ? r.PriceLocations[b] : "copperplate");
                    w.WriteNumber("eur_per_mwh", prices[b]);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteAcCheck(w, run.AcCheck, hours);
            r.Report?.WriteSummaryTail(w, c);
            w.WriteEndObject();
        }

        var summary = Encoding.UTF8.GetString(buffer.ToArray());
        return run.Settlement is { } settled ? AddSettlement(summary, settled, invoiceFolder) : summary;
    }

    /// <summary>Writes every output file into <paramref name="folder"/> (created if needed) and returns the names written at its top level.</summary>
    public static IReadOnlyList<string> Write(string folder, PipelineResult run)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(run);
        Directory.CreateDirectory(folder);
        var c = run.ReportContext;
        var utf8 = new UTF8Encoding(false);
        var prices = new StringBuilder("slot,time,bus,price_eur_per_mwh\n");
        for (var t = 0; t < c.Result.PricesEurPerMwh.Count; t++)
        {
            var row = c.Result.PricesEurPerMwh[t];
            for (var b = 0; b < row.Count; b++)
            {
                prices.Append(Inv, $"{t},{c.SlotTime(t)},{(c.Result.PriceLocations.Count > b ? c.Result.PriceLocations[b] : "copperplate")},{ClearingReportContext.Csv(row[b])}\n");
            }
        }

        var files = new List<ReportFile> { new("prices.csv", prices.ToString()) };
        files.AddRange(c.Result.Report?.Files(c) ?? []);
        string? invoices = null;
        if (run.Settlement is { } settled)
        {
            SettlementFiles.Write(folder, settled);
            invoices = SettlementFiles.InvoiceFolder;
        }

        files.Add(new("summary.json", Summary(run, invoices) + "\n"));
        foreach (var f in files)
        {
            File.WriteAllText(Path.Combine(folder, f.Name), f.Content, utf8);
        }

        return [.. files.Select(f => f.Name)];
    }

    private static void WriteAcCheck(Utf8JsonWriter w, AcCheckResult? ac, double slotHours)
    {
        if (ac is null)
        {
            w.WriteNull("ac_check");
            return;
        }

        w.WriteStartObject("ac_check");
        w.WriteString("algorithm", ac.Algorithm == PowerFlowAlgorithm.NewtonRaphson ? "nr" : "bfs");
        w.WriteBoolean("converged", ac.AllConverged);
        w.WriteNumber("vm_min_pu", ac.VmMinPu);
        w.WriteNumber("vm_max_pu", ac.VmMaxPu);
        w.WriteNumber("max_loading_percent", ac.MaxLoadingPercent);
        w.WriteNumber("losses_mwh", ac.Slots.Sum(x => x.LossesMw) * slotHours);
        if (ac.MaxVoltageDeviationPu is { } dev)
        {
            w.WriteNumber("max_voltage_deviation_pu", dev);
        }

        w.WriteNumber("violation_count", ac.Violations.Count);
        w.WriteStartArray("violations");
        foreach (var v in ac.Violations.Take(1000))
        {
            w.WriteStartObject();
            w.WriteNumber("slot", v.Slot);
            w.WriteString("kind", ViolationKindNames.Of(v.Kind));
            w.WriteString("element", v.ElementId);
            w.WriteNumber("value", v.Value);
            w.WriteNumber("limit", v.Limit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string AddSettlement(string summary, SettlementResult result, string? folder)
    {
        var root = JsonNode.Parse(summary)!.AsObject();
        root["kpis"] = JsonNode.Parse(SettlementJson.Kpis(result));
        var b = result.Budget;
        root["settlement"] = new JsonObject
        {
            ["invoice_count"] = result.Invoices.Count,
            ["invoices"] = folder,
            ["metered"] = result.Metered,
            ["total_bills_eur"] = SettlementJson.Eur(result.Invoices.Sum(i => i.TotalEur)),
            ["paid_by_buyers_eur"] = SettlementJson.Eur(b.PaidByBuyersEur),
            ["received_by_sellers_eur"] = SettlementJson.Eur(b.ReceivedBySellersEur),
            ["operator_residual_eur"] = SettlementJson.Eur(b.OperatorResidualEur),
            ["budget_balanced"] = b.IsBalanced,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
