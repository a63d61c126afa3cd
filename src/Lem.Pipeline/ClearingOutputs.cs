using System.Globalization;
using System.Text;
using System.Text.Json;
using Lem.Grid.PowerFlow;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Pipeline.Json;
using Lem.Settlement.Invoices;

namespace Lem.Pipeline;

/// <summary>
/// The outputs of a pipeline run: <c>summary.json</c> (common fields, the mechanism's own, the AC check, the redispatch,
/// the settlement's KPIs), <c>prices.csv</c>, <c>redispatch.csv</c> (one row per round, with a redispatch), the mechanism's files and the invoices.
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

        var trailing = new Dictionary<string, object?>();
        foreach (var (name, value) in r.Report?.SummaryFields(c) ?? [])
        {
            trailing[name] = value?.Deserialize(PipelineJsonContext.Default.JsonElement);
        }

        if (run.Settlement is { } settled)
        {
            var b = settled.Budget;
            trailing["kpis"] = SettlementJson.KpisRecord(settled);
            trailing["settlement"] = new RunSettlementSummary(
                settled.Invoices.Count,
                invoiceFolder,
                settled.Metered,
                SettlementJson.Eur(settled.Invoices.Sum(i => i.TotalEur)),
                SettlementJson.Eur(b.PaidByBuyersEur),
                SettlementJson.Eur(b.ReceivedBySellersEur),
                SettlementJson.Eur(b.OperatorResidualEur),
                b.IsBalanced);
        }

        if (run.Redispatch is { } redispatch)
        {
            trailing["redispatch"] = new RedispatchSummary(
                redispatch.Strategy,
                redispatch.Rounds,
                redispatch.ViolationsBefore,
                redispatch.ViolationsAfter,
                Math.Round(redispatch.WelfareLostEur, 6),
                redispatch.FinalLimits?.ByParticipant.Count(kv => kv.Value.Caps) ?? 0,
                redispatch.Warnings);
        }

        trailing["tariff_aware"] = JsonDocument.Parse(run.TariffAware ? "true" : "false").RootElement.Clone();
        var summary = new RunSummary(
            s.Name,
            r.Mechanism,
            r.Formulation,
            r.StatusName,
            r.Message,
            r.WelfareEur,
            r.ImportKw.Sum() * hours / 1000,
            r.ExportKw.Sum() * hours / 1000,
            r.PricesEurPerMwh.Count,
            s.Horizon.SlotLength.Minutes,
            prices,
            AcSummary(run.AcCheck, hours),
            [.. PeriodTable.Build(r, s.Horizon, TableResolution.Hour).Select(h => new HourSummary(c.SlotTime(h.FirstSlot), h))])
        {
            TrailingFields = trailing.Count == 0 ? null : trailing,
        };
        return JsonSerializer.Serialize(summary, PipelineJsonContext.Default.RunSummary);
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
        if (run.Redispatch is { } redispatch)
        {
            var rounds = new StringBuilder("round,violations,welfare_eur,capped_participants,max_loading_percent\n");
            foreach (var r in redispatch.History)
            {
                rounds.Append(Inv, $"{r.Round},{r.Violations},{Math.Round(r.WelfareEur, 6)},{r.CappedParticipants},{ClearingReportContext.Csv(r.MaxLoadingPercent)}\n");
            }

            files.Add(new("redispatch.csv", rounds.ToString()));
        }

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

    private static AcCheckSummary? AcSummary(AcCheckResult? ac, double slotHours)
    {
        if (ac is null)
        {
            return null;
        }

        var losses = ac.LossesMwh(slotHours);
        return new AcCheckSummary(
            ac.Algorithm == PowerFlowAlgorithm.NewtonRaphson ? "nr" : "bfs",
            ac.AllConverged,
            ac.VmMinPu,
            ac.VmMaxPu,
            ac.MaxLoadingPercent,
            losses.SeriesMwh,
            ac.MaxVoltageDeviationPu,
            ac.Violations.Count,
            [.. ac.Violations.Take(1000).Select(v => new AcViolationSummary(v.Slot, ViolationKindNames.Of(v.Kind), v.ElementId, v.Value, v.Limit))],
            losses.SeriesMwh,
            losses.TransformerNoLoadMwh,
            losses.ShuntMwh,
            losses.TotalMwh)
        {
            MaxVoltageErrorPuByPhase = ac.ThreePhase?.MaxVoltageErrorPu,
            MaxUnbalancePercent = ac.ThreePhase?.MaxUnbalancePercent,
        };
    }
}
