using Lem.Settlement.Allocation;
using Lem.Settlement.Invoices;

namespace Lem.Cli.Commands;

/// <summary>The settlement options as given, and the settlement step of <c>lem run</c> that uses them.</summary>
/// <param name="Enabled">Whether <c>--settle</c> was given.</param>
/// <param name="MetersPath">The <c>--meters</c> file, or null.</param>
internal sealed record SettleRequest(bool Enabled, string? MetersPath)
{
    /// <summary>A usage mistake (exit 2): <c>--meters</c> without <c>--settle</c>.</summary>
    public string? UsageProblem() => MetersPath is not null && !Enabled ? "--meters applies only together with --settle." : null;

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
        t.AddRow("Fairness of savings (Jain / Gini)", $"{(k.JainIndex is { } j ? j.ToString("0.000", Inv) : "–")} / {(k.GiniCoefficient is { } g ? g.ToString("0.000", Inv) : "– (all savings zero)")}");
        if (FairnessIndex.NegativeValuesCaveat([.. k.Savings.Select(x => (double)x.SavingsEur)], "savings") is { } caveat)
        {
            t.AddRow("  caveat", Markup.Escape(caveat));
        }

        var worse = k.WorseOff.Count == 0 ? "none" : $"{k.WorseOff.Count}: {string.Join(", ", k.WorseOff.Take(5).Select(w => $"{w.Participant.Value} ({SettlementHtml.Money(w.SavingsEur)})"))}{(k.WorseOff.Count > 5 ? ", …" : string.Empty)}";
        t.AddRow("Worse off than on the retail tariff", Markup.Escape(worse));
        t.AddRow("Compensation", SettlementJson.StatusName(r.Compensation.Status).Replace('_', ' ') + (k.WorseOffAfterCompensation.Count > 0 ? $" ({k.WorseOffAfterCompensation.Count} still worse off)" : string.Empty));
        t.AddRow("Paid by buyers / received by sellers", $"{Eur(b.PaidByBuyersEur)} / {Eur(b.ReceivedBySellersEur)}");
        t.AddRow("Operator residual", BudgetText.Residual(b.OperatorResidualEur));
        t.AddRow("Budget identity", BudgetText.IdentityStatus(b));
        context.Console.Write(t);
        if (outcome.OutDir is not null)
        {
            context.Console.MarkupLine($"Invoices written to [green]{Markup.Escape(Path.Combine(outcome.OutDir, SettlementFiles.InvoiceFolder))}[/], key figures to kpis.json");
        }
    }
}
