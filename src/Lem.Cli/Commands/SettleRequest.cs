using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Cli.Output;
using Lem.Domain.Validation;
using Lem.Scenarios;
using Lem.Settlement.Billing;
using Lem.Settlement.Invoices;
using Lem.Settlement.Metering;
using Spectre.Console;

namespace Lem.Cli.Commands;

/// <summary>The settlement options as given, and the settlement step of <c>lem run</c> that uses them.</summary>
/// <param name="Enabled">Whether <c>--settle</c> was given.</param>
/// <param name="MetersPath">The <c>--meters</c> file, or null.</param>
internal sealed record SettleRequest(bool Enabled, string? MetersPath)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A usage mistake (exit 2): <c>--meters</c> without <c>--settle</c>.</summary>
    public string? UsageProblem() => MetersPath is not null && !Enabled ? "--meters applies only together with --settle." : null;

    /// <summary>
    /// Settles the clearing when <c>--settle</c> was given: reads the meters, settles, writes <c>invoices/</c> and
    /// <c>kpis.json</c> into <paramref name="outDir"/> (and rewrites its <c>summary.json</c> with the <c>kpis</c> block),
    /// and returns the summary with the <c>kpis</c> block. <paramref name="clearing"/> is null when the market did not clear.
    /// </summary>
    public SettleOutcome Apply(CliContext context, string format, Scenario scenario, Func<ClearingOutcome>? clearing, string? outDir, string summary)
    {
        if (!Enabled)
        {
            return new SettleOutcome(null, summary, null, null, null);
        }

        if (clearing is null)
        {
            return new SettleOutcome(null, summary, null, null, "The market did not clear, so it was not settled.");
        }

        var billed = SettlementRequest.BilledParticipants(scenario);
        MeterReadings? meters = null;
        if (MetersPath is not null)
        {
            var read = MeterCsvReader.Read(MetersPath, [.. billed.Select(p => p.Id)], scenario.Horizon.Count);
            if (!read.IsValid)
            {
                ErrorPrinter.Print(context, format, MetersPath, read.Errors);
                return new SettleOutcome(ExitCodes.InvalidInput, summary, null, null, null);
            }

            meters = read.Readings;
        }

        SettlementRequest request;
        try
        {
            request = SettlementRequest.ForScenario(scenario, clearing(), meters);
        }
        catch (ArgumentException ex) when (scenario.Settlement.Grid.Distance is not null)
        {
            // The distance method does not apply to this grid (a meshed grid with the path impedance, for example).
            var error = new ValidationError("$.settlement.grid_tariff.distance.method", ValidationCodes.ValueInvalid, $"The distance-based charge cannot be computed on this grid: {ex.Message}");
            ErrorPrinter.Print(context, format, scenario.SourcePath ?? scenario.Name, [error]);
            return new SettleOutcome(ExitCodes.InvalidInput, summary, null, null, null);
        }

        var result = SettlementEngine.Settle(request);
        var summaryWithKpis = AddKpis(summary, result, outDir is null ? null : SettlementFiles.InvoiceFolder);
        IReadOnlyList<string>? files = null;
        if (outDir is not null)
        {
            files = SettlementFiles.Write(outDir, result);
            File.WriteAllText(Path.Combine(outDir, "summary.json"), summaryWithKpis + "\n", new UTF8Encoding(false));
        }

        return new SettleOutcome(null, summaryWithKpis, result, outDir, null);
    }

    private static string AddKpis(string summary, SettlementResult result, string? folder)
    {
        var root = JsonNode.Parse(summary)!.AsObject();
        root["kpis"] = JsonNode.Parse(SettlementJson.Kpis(result));
        var b = result.Budget;
        var settlement = new JsonObject
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
        root["settlement"] = settlement;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Prints the settlement's key figures as a table (text format).</summary>
    public static void WriteText(CliContext context, SettleOutcome outcome)
    {
        if (outcome.Note is { } note)
        {
            context.Console.MarkupLine($"[yellow]Settlement:[/] {Markup.Escape(note)}");
        }

        if (outcome.Result is not { } r)
        {
            return;
        }

        var k = r.Kpis;
        var b = r.Budget;
        string Eur(decimal v) => $"{SettlementHtml.Money(v)} EUR";
        string Share(double? v) => v is { } x ? $"{(x * 100).ToString("0.0", Inv)} %" : "–";
        var t = new Table().Border(TableBorder.Rounded).Title("Settlement and KPIs").AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
        t.AddRow("Invoices", r.Invoices.Count.ToString(Inv) + (r.Metered ? " (with meter readings)" : string.Empty));
        t.AddRow("Bills / retail baseline", $"{Eur(k.TotalBillsEur)} / {Eur(k.TotalBaselineEur)}");
        t.AddRow("Community savings", Eur(k.TotalSavingsEur));
        t.AddRow("Self-sufficiency / self-consumption", $"{Share(k.SelfSufficiency)} / {Share(k.SelfConsumption)}");
        t.AddRow("Local traded volume", $"{k.LocalTradedKwh.ToString("0.0", Inv)} kWh");
        t.AddRow("Average local price", k.AverageLocalPriceEurPerMwh is { } p ? $"{p.ToString("0.00", Inv)} EUR/MWh" : "–");
        t.AddRow("Peak import", k.PeakImportSlot is { } slot ? $"{k.PeakImportKw.ToString("0.0", Inv)} kW at {SettlementJson.LocalTime(r.SlotStarts[slot], r.Zone)}" : "none");
        t.AddRow("Fairness of savings (Jain / Gini)", $"{(k.JainIndex is { } j ? j.ToString("0.000", Inv) : "–")} / {(k.GiniCoefficient is { } g ? g.ToString("0.000", Inv) : "–")}");
        var worse = k.WorseOff.Count == 0 ? "none" : $"{k.WorseOff.Count}: {string.Join(", ", k.WorseOff.Take(5).Select(w => $"{w.Participant.Value} ({SettlementHtml.Money(w.SavingsEur)})"))}{(k.WorseOff.Count > 5 ? ", …" : string.Empty)}";
        t.AddRow("Worse off than on the retail tariff", Markup.Escape(worse));
        t.AddRow("Compensation", SettlementJson.StatusName(r.Compensation.Status).Replace('_', ' ') + (k.WorseOffAfterCompensation.Count > 0 ? $" ({k.WorseOffAfterCompensation.Count} still worse off)" : string.Empty));
        t.AddRow("Budget (paid / received / residual)", $"{Eur(b.PaidByBuyersEur)} / {Eur(b.ReceivedBySellersEur)} / {Eur(b.OperatorResidualEur)} ({(b.IsBalanced ? "balanced" : "NOT balanced")})");
        context.Console.Write(t);
        if (outcome.OutDir is not null)
        {
            context.Console.MarkupLine($"Invoices written to [green]{Markup.Escape(Path.Combine(outcome.OutDir, SettlementFiles.InvoiceFolder))}[/], key figures to kpis.json");
        }
    }
}
