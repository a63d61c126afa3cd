using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Grid.PowerFlow;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Pipeline.Json;
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
        var hours = s.Horizon.SlotHours;
        var prices = new List<SlotPriceSummary>(r.PricesEurPerMwh.Count);
        for (var t = 0; t < r.PricesEurPerMwh.Count; t++)
        {
            var row = r.PricesEurPerMwh[t];
            prices.Add(new SlotPriceSummary(
                t,
                c.SlotTime(t),
                r.PriceSources?[t],
                row.Count == 0 ? 0 : row.Min(),
                row.Count == 0 ? 0 : row.Max(),
                [.. row.Select((price, b) => new BusPriceSummary(r.PriceLocations.Count > b ? r.PriceLocations[b] : "copperplate", price))]));
        }

        var summary = new RunSummary
        {
            Scenario = s.Name,
            Mechanism = r.Mechanism,
            Grid = r.Formulation,
            Status = r.StatusName,
            Message = r.Message,
            WelfareEur = r.WelfareEur,
            ImportMwh = r.ImportKw.Sum() * hours / 1000,
            ExportMwh = r.ExportKw.Sum() * hours / 1000,
            SlotCount = r.PricesEurPerMwh.Count,
            SlotMinutes = s.Horizon.SlotLength.Minutes,
            Prices = prices,
            AcCheck = AcSummary(run.AcCheck, hours),
            MechanismFields = r.Report?.SummaryFields(c).ToDictionary(kv => kv.Key, kv => kv.Value is null ? JsonSerializer.SerializeToElement<object?>(null, PipelineJsonContext.Default.Object) : kv.Value.Deserialize(PipelineJsonContext.Default.JsonElement)),
        };
        var json = JsonSerializer.Serialize(summary, PipelineJsonContext.Default.RunSummary);
        return run.Settlement is { } settled ? AddSettlement(json, settled, invoiceFolder) : json;
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

    private static AcCheckSummary? AcSummary(AcCheckResult? ac, double slotHours) => ac is null
        ? null
        : new AcCheckSummary(
            ac.Algorithm == PowerFlowAlgorithm.NewtonRaphson ? "nr" : "bfs",
            ac.AllConverged,
            ac.VmMinPu,
            ac.VmMaxPu,
            ac.MaxLoadingPercent,
            ac.Slots.Sum(x => x.LossesMw) * slotHours,
            ac.MaxVoltageDeviationPu,
            ac.Violations.Count,
            [.. ac.Violations.Take(1000).Select(v => new AcViolationSummary(v.Slot, ViolationKindNames.Of(v.Kind), v.ElementId, v.Value, v.Limit))]);

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
