using Lem.Markets.Flexibility.Continuous;
using Lem.Markets.Flexibility.Pricing;
using Lem.Markets.Flexibility.Sensitivities;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem flex &lt;scenario&gt; [--out DIR] [--format json] [--pricing pay-as-bid|uniform] [--max-rounds N] [--trading auction|continuous]</c>:
/// clears the DSO flexibility market of a scenario's <c>flexibility</c> section (docs/mechanisms/flexibility.md): by
/// default as an auction, least-cost orders against the linearised grid limits and requests, checked with the AC power
/// flow and relinearised; with <c>--trading continuous</c> by continuous trading, the offers matched one by one in
/// arrival order against the open requests with a grid check per match.
/// </summary>
public static class FlexCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var pricing = FlexScenarioInput.PricingOption("How orders are paid: pay-as-bid (each its offer's price) or uniform (the bus's locational flexibility price).");
        var maxRounds = new Option<int>("--max-rounds") { Description = "The most linearise-clear-AC-check rounds per slot.", DefaultValueFactory = _ => FlexClearingOptions.Default.MaxRounds };
        maxRounds.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<int>();
            if (v < 1 || v > 100)
            {
                r.AddError($"--max-rounds must be between 1 and 100; it is {v}.");
            }
        });
        var schedule = new Option<string?>("--schedule")
        {
            Description = "Clear the scenario's market with this mechanism first (" + string.Join(", ", ClearingMechanisms.Names) + ") and use its day-ahead schedule as the baseline, instead of the grid file's injections and the prognoses.",
        };
        schedule.AcceptOnlyFromAmong([.. ClearingMechanisms.Names]);
        var grid = CommonOptions.Choice(
            "--grid",
            "The linearised grid the clearing uses: auto (the scenario's flexibility.sensitivities), lindistflow, dc, or lindist3flow (per phase: offers' and prognoses' phase field, checked with the three-phase power flow).",
            "auto",
            [.. FlexSensitivityModels.Names]);
        var trading = CommonOptions.Choice("--trading", "auction (least-cost clearing of all offers at once) or continuous (offers matched one by one in arrival order, a grid check per match).", Auction, [Auction, Continuous]);
        var output = CommonOptions.OutputFolder("A folder for flex.json, orders.csv, flex_prices.csv, the before/after loading and voltage tables, summary.json, plots/ and report.html (created when missing).");
        var format = CommonOptions.Format();
        var command = new Command("flex", "Clear the DSO flexibility market of a scenario: least-cost orders that relieve congestion and voltage problems, checked with the AC power flow.")
        {
            scenario, output, format, pricing, maxRounds, schedule, trading, grid,
        };
        command.Subcommands.Add(FlexSettleCommand.Create(context));
        command.SetAction(parse => Run(
            context,
            parse.GetValue(scenario)!,
            parse.GetValue(output),
            parse.GetValue(format)!,
            new FlexClearingOptions { Pricing = FlexPricingRules.ByName(parse.GetValue(pricing)!), MaxRounds = parse.GetValue(maxRounds) },
            parse.GetValue(schedule),
            parse.GetValue(trading) == Continuous,
            parse.GetValue(grid)!));
        return command;
    }

    private const string Auction = "auction";
    private const string Continuous = "continuous";

    private static int Run(CliContext context, string path, string? outDir, string format, FlexClearingOptions options, string? schedule, bool continuous, string gridModel)
    {
        if (FlexScenarioInput.Load(context, path, format, "The scenario has no 'flexibility' section (offers, requests, prognoses) to clear.") is not { } s)
        {
            return ExitCodes.InvalidInput;
        }

        var market = s.Flexibility!;
        if (schedule is not null)
        {
            var (scheduled, errors) = FlexSchedule.Baseline(s, market, schedule);
            if (scheduled is null)
            {
                ErrorPrinter.Print(context, format, path, errors);
                return ExitCodes.InvalidInput;
            }

            market = scheduled;
        }

        options = options with { SensitivityModel = gridModel == "auto" ? s.FlexibilitySensitivities : gridModel };
        if (gridModel != "auto")
        {
            try
            {
                FlexSensitivityModels.Choose(gridModel, NetworkIndex.Build(s.Grid!));
            }
            catch (ArgumentException e)
            {
                ErrorPrinter.Print(context, format, path, [new ValidationError("--grid", ValidationCodes.ValueInvalid, $"The {gridModel} model cannot represent the scenario's grid: {e.Message.Split(" (Parameter")[0]}")]);
                return ExitCodes.InvalidInput;
            }
        }

        if (continuous)
        {
            if (options.SensitivityModel == "lindist3flow")
            {
                ErrorPrinter.Print(context, format, path, [new ValidationError("--grid", ValidationCodes.ValueInvalid, "Continuous trading checks each match with the balanced power flow; lindist3flow clears as an auction only (--trading auction).")]);
                return ExitCodes.InvalidInput;
            }

            if (options.Pricing.Name != FlexPricingRules.Default.Name)
            {
                ErrorPrinter.Print(context, format, path, [new ValidationError("--pricing", ValidationCodes.ValueInvalid, "Continuous trading pays each order its offer's price; --pricing applies to --trading auction only.")]);
                return ExitCodes.InvalidInput;
            }

            return RunContinuous(context, s.Name, market, s.Grid!, options, outDir, format);
        }

        var result = FlexClearing.Clear(market, s.Grid!, options);
        var json = ToJson(result);
        WriteFiles(context, outDir, s.Name, market, json, result.Before, result.After);

        if (format == "json")
        {
            Json.Write(context.Out, json);
        }
        else
        {
            WriteText(context, market, result, outDir);
        }

        return ExitCodes.Ok;
    }

    private static void WriteFiles(CliContext context, string? outDir, string scenario, FlexMarket market, FlexJson json, IReadOnlyList<FlexAcSlot> before, IReadOnlyList<FlexAcSlot> after)
    {
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            FlexScenarioInput.WriteJson(outDir, "flex.json", json);
            File.WriteAllText(Path.Combine(outDir, "orders.csv"), OrdersCsv(json.Orders), new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(outDir, "flex_prices.csv"), PricesCsv(json.FlexPrices), new UTF8Encoding(false));
            FlexOutputs.Write(context, outDir, scenario, market, json, before, after); // summary.json, before/after CSVs, plots, report.html (docs/reports.md)
        }
    }

    private static int RunContinuous(CliContext context, string scenario, FlexMarket market, Lem.Grid.Network.GridNetwork grid, FlexClearingOptions options, string? outDir, string format)
    {
        var result = ContinuousFlexTrading.Run(market, grid, options);
        var json = FlexContinuousOutput.ToJson(market, result);
        WriteFiles(context, outDir, scenario, market, json, result.Before, result.After);
        if (format == "json")
        {
            Json.Write(context.Out, json);
        }
        else
        {
            FlexContinuousOutput.WriteText(context, market, json, outDir);
        }

        return ExitCodes.Ok;
    }

    private static FlexJson ToJson(FlexClearingResult r) => new(
        FlexClearingStatusNames.Of(r.Status),
        r.CostEur / 1.000000000000000000000000000000000m,
        r.Rounds,
        [.. r.Orders.Select(o => new FlexOrderJson(o.Offer.Id, o.Offer.Fsp.Value, o.Offer.Bus.Value, o.Slot, o.Offer.Direction.Name(), o.PowerKw, o.ReactiveKvar, o.PriceEurPerMwh))],
        [.. r.Prices.Select(p => new FlexPriceJson(p.Bus.Value, p.Slot, p.ActiveEurPerMwh))],
        [.. r.ViolationsBefore.Select(ToJson)],
        [.. r.ViolationsAfter.Select(ToJson)],
        null,
        r.Pricing,
        r.SensitivityModel,
        [.. r.BindingLimits.Select(d => new FlexLimitJson(d.Slot, d.Kind, d.Element, d.Dual))],
        null,
        r.Notes)
    {
        PhaseAc = r.Before.Count > 0 && r.Before[0].Phases == 3
            ? [.. r.Before.Zip(r.After, (b, a) => new FlexPhaseAcJson(
                b.Slot,
                Round(b.MinVoltagePuByPhase()),
                Round(a.MinVoltagePuByPhase()),
                Round(b.MaxLoadingPercentByPhase()),
                Round(a.MaxLoadingPercentByPhase()),
                Math.Round(b.MaxUnbalancePercent, 6),
                Math.Round(a.MaxUnbalancePercent, 6)))]
            : null,
    };

    private static double[] Round(double[] values) => [.. values.Select(v => Math.Round(v, 6))];

    /// <summary>A violation as JSON (values to 6 places).</summary>
    internal static FlexViolationJson ToJson(FlexViolation v) => new(v.Slot, v.Kind, v.Element, Math.Round(v.Value, 6), v.Limit);

    private static string OrdersCsv(IReadOnlyList<FlexOrderJson> orders)
    {
        var sb = new StringBuilder("offer,fsp,bus,slot,direction,kw,kvar,price_eur_per_mwh\n");
        foreach (var o in orders)
        {
            sb.Append(Inv, $"{o.Offer},{o.Fsp},{o.Bus},{o.Slot},{o.Direction},{o.PowerKw},{o.ReactiveKvar},{o.PriceEurPerMwh}\n");
        }

        return sb.ToString();
    }

    private static string PricesCsv(IReadOnlyList<FlexPriceJson> prices)
    {
        var sb = new StringBuilder("bus,slot,eur_per_mwh\n");
        foreach (var p in prices)
        {
            sb.Append(Inv, $"{p.Bus},{p.Slot},{p.EurPerMwh}\n");
        }

        return sb.ToString();
    }

    private static void WriteText(CliContext context, FlexMarket market, FlexClearingResult r, string? outDir)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]Flexibility market[/]: {market.Offers.Count} offers, {market.Requests.Count} requests, {market.SlotCount} slots").LeftJustified());
        var orders = new Table().Border(TableBorder.Rounded)
            .AddColumn("Slot").AddColumn("Offer").AddColumn("FSP").AddColumn("Bus").AddColumn("Direction")
            .AddColumn(new TableColumn("kW").RightAligned())
            .AddColumn(new TableColumn("kvar").RightAligned())
            .AddColumn(new TableColumn("EUR/MWh").RightAligned())
            .AddColumn(new TableColumn("EUR").RightAligned());
        foreach (var o in r.Orders)
        {
            orders.AddRow(
                o.Slot.ToString(Inv),
                Markup.Escape(o.Offer.Id),
                Markup.Escape(o.Offer.Fsp.Value),
                Markup.Escape(o.Offer.Bus.Value),
                o.Offer.Direction.Name(),
                o.PowerKw.ToString("0.###", Inv),
                o.ReactiveKvar.ToString("0.###", Inv),
                o.PriceEurPerMwh.ToString("0.####", Inv),
                o.CostEur.ToString("0.######", Inv));
        }

        c.Write(orders);
        c.MarkupLine($"Status: [bold]{FlexClearingStatusNames.Of(r.Status)}[/]   Cost: [bold]{r.CostEur.ToString("0.######", Inv)} EUR[/] ({Markup.Escape(r.Pricing)})   Rounds: {r.Rounds}   Model: {r.SensitivityModel}");
        c.MarkupLine($"AC violations before: {r.ViolationsBefore.Count()}   after: {r.ViolationsAfter.Count()}");
        foreach (var v in r.ViolationsAfter)
        {
            c.MarkupLine($"  slot {v.Slot}: {v.Kind} at {Markup.Escape(v.Element)} ({v.Value.ToString("0.####", Inv)} against {v.Limit.ToString("0.####", Inv)})");
        }

        foreach (var (b, a) in r.Before.Zip(r.After).Where(x => x.First.Phases == 3))
        {
            static string Abc(double[] v, string format) => string.Join(" / ", v.Select(x => x.ToString(format, Inv)));
            c.MarkupLine($"Slot {b.Slot} per phase a / b / c: min |V| {Abc(b.MinVoltagePuByPhase(), "0.0000")} -> {Abc(a.MinVoltagePuByPhase(), "0.0000")} p.u.; " +
                $"max loading {Abc(b.MaxLoadingPercentByPhase(), "0.0")} -> {Abc(a.MaxLoadingPercentByPhase(), "0.0")} %; VUF {b.MaxUnbalancePercent.ToString("0.000", Inv)} -> {a.MaxUnbalancePercent.ToString("0.000", Inv)} %");
        }

        foreach (var d in r.BindingLimits)
        {
            c.MarkupLine($"Binding: slot {d.Slot} {d.Kind} {Markup.Escape(d.Element)}, dual {d.Dual.ToString("0.####", Inv)}");
        }

        foreach (var note in r.Notes)
        {
            c.MarkupLine(Markup.Escape(note));
        }

        if (outDir is not null)
        {
            c.MarkupLine($"Wrote flex.json, orders.csv, flex_prices.csv, flex_loading.csv, flex_voltage.csv, summary.json, plots/ and report.html to {Markup.Escape(outDir)}.");
        }
    }
}
