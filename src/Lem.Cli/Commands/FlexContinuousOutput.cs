using Lem.Markets.Flexibility.Continuous;

namespace Lem.Cli.Commands;

/// <summary>
/// The output of <c>lem flex --trading continuous</c> (docs/mechanisms/flexibility.md#continuous-trading): the fields of
/// the auction's output computed from the match events, then every match.
/// </summary>
internal static class FlexContinuousOutput
{
    /// <summary>The JSON of a run: orders from the matches that ordered a volume; per bus and slot the highest price ordered there.</summary>
    public static FlexJson ToJson(FlexMarket market, ContinuousFlexResult r)
    {
        var offers = market.Offers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var ordered = r.Events.Where(e => e.OrderedKw > 1e-9).Select(e => (Event: e, Offer: offers[e.OfferId])).ToList();
        var orders = ordered
            .Select(x => new FlexOrderJson(
                x.Offer.Id, x.Offer.Fsp.Value, x.Offer.Bus.Value, x.Event.Slot, x.Event.Direction.Name(),
                Math.Round(x.Event.ActivationFactor * x.Offer.PowerKw, 6), Math.Round(x.Event.ActivationFactor * x.Offer.ReactiveKvar, 6), x.Event.PriceEurPerMwh))
            .ToList();
        var prices = ordered
            .GroupBy(x => (x.Event.Slot, Bus: x.Offer.Bus.Value))
            .OrderBy(g => g.Key.Slot).ThenBy(g => g.Key.Bus, StringComparer.Ordinal)
            .Select(g => new FlexPriceJson(g.Key.Bus, g.Key.Slot, g.Max(x => x.Event.PriceEurPerMwh)))
            .ToList();
        var after = r.ViolationsAfter.Select(FlexCommand.ToJson).ToList();
        return new FlexJson(
            after.Count == 0 ? "cleared" : "violations_remain",
            r.CostEur / 1.000000000000000000000000000000000m,
            r.Events.Count,
            orders,
            prices,
            [.. r.ViolationsBefore.Select(FlexCommand.ToJson)],
            after,
            "continuous",
            "pay-as-bid",
            null,
            null,
            [.. r.Events.Select(e => new FlexMatchJson(
                e.Sequence, e.RequestId, e.OfferId, e.Slot, e.Direction.Name(), e.Outcome.ToString().ToLowerInvariant(),
                e.WantedKw, e.OrderedKw, e.PriceEurPerMwh, e.CostEur / 1.000000000000000000000000000000000m, e.ViolationKind, e.ViolatedElement))],
            r.Notes);
    }

    /// <summary>The text report: the matches, the status, cost and violations.</summary>
    public static void WriteText(CliContext context, FlexMarket market, FlexJson json, string? outDir)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]Flexibility market, continuous trading[/]: {market.Offers.Count} offers, {market.SlotCount} slots").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("#").AddColumn("Slot").AddColumn("Request").AddColumn("Offer").AddColumn("Outcome")
            .AddColumn(new TableColumn("Wanted kW").RightAligned())
            .AddColumn(new TableColumn("Ordered kW").RightAligned())
            .AddColumn(new TableColumn("EUR/MWh").RightAligned())
            .AddColumn("Would violate");
        foreach (var m in json.Matches ?? [])
        {
            table.AddRow(
                m.Sequence.ToString(Inv), m.Slot.ToString(Inv), Markup.Escape(m.Request), Markup.Escape(m.Offer), m.Outcome,
                m.WantedKw.ToString("0.###", Inv), m.OrderedKw.ToString("0.###", Inv), m.PriceEurPerMwh.ToString("0.####", Inv),
                Markup.Escape(m.ViolationKind is null ? "" : $"{m.ViolationKind} {m.ViolatedElement}"));
        }

        c.Write(table);
        c.MarkupLine($"Status: [bold]{json.Status}[/]   Cost: [bold]{json.CostEur.ToString("0.######", Inv)} EUR[/] (pay-as-bid)   Matches: {json.Rounds}");
        c.MarkupLine($"AC violations before: {json.ViolationsBefore.Count}   after: {json.ViolationsAfter.Count}");
        foreach (var v in json.ViolationsAfter)
        {
            c.MarkupLine($"  slot {v.Slot}: {v.Kind} at {Markup.Escape(v.Element)} ({v.Value.ToString("0.####", Inv)} against {v.Limit.ToString("0.####", Inv)})");
        }

        foreach (var note in json.Notes)
        {
            c.MarkupLine(Markup.Escape(note));
        }

        if (outDir is not null)
        {
            c.MarkupLine($"Wrote flex.json, orders.csv, flex_prices.csv, flex_loading.csv, flex_voltage.csv, summary.json, plots/ and report.html to {Markup.Escape(outDir)}.");
        }
    }
}
