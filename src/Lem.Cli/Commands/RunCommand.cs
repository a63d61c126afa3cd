using Lem.Cli.Progress;
using Lem.Markets;
using Lem.Reports;
using Lem.Scenarios.Reading;
using Lem.Settlement.Billing;
using Lem.Settlement.Invoices;
using Lem.Settlement.LocalPricing;
using Lem.Settlement.Metering;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem run &lt;scenario&gt; --mechanism NAME --grid …</c>: clears a scenario's market with a registered mechanism,
/// checks it with an AC power flow, settles it and writes the results (<see cref="ClearingPipeline"/>).
/// </summary>
public static class RunCommand
{
    /// <summary>The tie rules of <c>--price-rule</c> by name (docs/mechanisms/pool.md#prices-and-tie-rules).</summary>
    private static readonly Dictionary<string, PriceRule> TieRules = new(StringComparer.Ordinal)
    {
        ["midpoint"] = PriceRule.Midpoint,
        ["marginal"] = PriceRule.MarginalOrder,
    };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var mechanism = CommonOptions.Choice(
            "--mechanism",
            "The market mechanism: " + string.Join(", ", ClearingMechanisms.Names.Select(n => $"{n} ({ClearingMechanisms.Get(n).Description.ToLowerInvariant()})")) + ".",
            "pool",
            [.. ClearingMechanisms.Names]);
        var grid = CommonOptions.Choice("--grid", "Grid formulation: auto (lindistflow when radial, dc when meshed, copperplate without a grid), copperplate, dc, lindistflow, soc, ac or lindist3flow (per-phase prices; participants' phase field).", "auto", ["auto", .. GridFormulations.Names]);
        var output = CommonOptions.OutputFolder("A folder for prices.csv, the mechanism's files (dispatch.csv, …) and summary.json (created when missing).");
        var format = CommonOptions.Format();
        var priceRule = CommonOptions.Choice(
            "--price-rule",
            "Tie rule for an indeterminate uniform price (midpoint or marginal), or a local price rule that re-prices the cleared positions between feed-in and retail: "
                + string.Join(", ", LocalPriceRules.Names.Select(n => $"{n} ({LocalPriceRules.Find(n)!.Description.ToLowerInvariant()})")) + ".",
            "midpoint",
            [.. TieRules.Keys, .. LocalPriceRules.Names]);
        var tableResolution = CommonOptions.Choice("--table-resolution", "Rows of the text output's price and exchange table: hour (energy summed over the hour's slots, prices averaged) or slot.", "hour", [.. PeriodTable.ResolutionNames]);
        var noAcCheck = new Option<bool>("--no-ac-check") { Description = "Skip the AC power-flow check of the cleared injections." };
        var partners = new Option<string?>("--partners") { Description = "P2P only: trading partners per participant besides the outside market (neighbours in scenario order), or 'all' for the complete graph. Default: the complete graph up to 16 participants, else 6." };
        var tariffAware = new Option<bool?>("--tariff-aware")
        {
            Description = "Put the scenario's per-meter grid tariffs, levies and operator fee (its 'settlement' section) into the clearing objective where the settlement charges them: true or false. Default: true when the scenario has a settlement section (pool, exchange, community, p2p).",
        };
        var maxUnbalance = new Option<double?>("--max-unbalance-percent")
        {
            Description = "Limit the linearised voltage unbalance factor |V2|/|V1| at every bus to this percentage (2 in EN 50160) as a clearing constraint; needs a grid formulation with phases (--grid lindist3flow). The AC check reports the true factor (docs/three-phase.md).",
        };
        var networkCharge = new NetworkChargeOptions();
        var settle = new SettleOptions();
        var stochastic = new StochasticOptions();
        var redispatch = new RedispatchCliOptions();
        var engine = new EngineOptions();
        var command = new Command("run", "Clear a scenario's local market and report welfare, prices, dispatch and the AC check.")
        {
            scenario, mechanism, grid, output, format, priceRule, noAcCheck, networkCharge.Level, networkCharge.Distance, networkCharge.Split,
        };
        command.Options.Add(partners);
        command.Options.Add(tableResolution);
        command.Options.Add(settle.Settle);
        command.Options.Add(settle.Meters);
        command.Options.Add(tariffAware);
        command.Options.Add(maxUnbalance);
        stochastic.AddTo(command);
        redispatch.AddTo(command);
        engine.AddTo(command);
        command.SetAction(parse => Run(
            context,
            parse.GetValue(scenario)!,
            ClearingMechanisms.Get(parse.GetValue(mechanism)!),
            parse.GetValue(grid)!,
            parse.GetValue(output),
            parse.GetValue(format)!,
            parse.GetValue(priceRule)!,
            !parse.GetValue(noAcCheck),
            networkCharge.Read(parse),
            settle.Read(parse),
            parse.GetValue(partners),
            parse.GetValue(tariffAware),
            PeriodTable.ParseResolution(parse.GetValue(tableResolution)!),
            stochastic.Read(parse),
            redispatch.Read(parse),
            parse.GetValue(maxUnbalance),
            (parse.GetValue(engine.Engine)!, parse.GetValue(engine.Silos), parse.GetValue(engine.Cluster))));
        return command;
    }

    private static int Run(CliContext context, string path, IClearingMechanism mechanism, string gridName, string? outDir, string format, string ruleName, bool acCheck, NetworkChargeRequest networkCharge, SettleRequest settle, string? partnersText, bool? tariffAware, TableResolution tableResolution, IReadOnlyDictionary<string, string> parameters, RedispatchCliRequest redispatch, double? maxUnbalancePercent, (string Name, int Silos, string? Cluster) engine)
    {
        if (EngineOptions.UsageProblem(engine.Name, engine.Silos, engine.Cluster, mechanism) is { } engineUsage)
        {
            context.Error.WriteLine($"lem: {engineUsage}");
            return ExitCodes.Usage;
        }

        // A tie rule chooses the clearing price; a local price rule keeps the midpoint clearing and re-prices its positions.
        var rule = TieRules.GetValueOrDefault(ruleName, PriceRule.Midpoint);
        var localRule = LocalPriceRules.Find(ruleName);
        if (localRule is not null && mechanism.Capabilities.BilateralTrades)
        {
            context.Error.WriteLine($"lem: --price-rule {ruleName} prices net positions; it does not apply to --mechanism {mechanism.Name}, whose trades carry their own prices.");
            return ExitCodes.Usage;
        }

        int? partners = null;
        if (partnersText is not null)
        {
            if (!mechanism.Capabilities.TradingPartners)
            {
                context.Error.WriteLine($"lem: --partners applies to --mechanism {WithCapability(c => c.TradingPartners)} only.");
                return ExitCodes.Usage;
            }

            if (partnersText.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                partners = int.MaxValue;
            }
            else if (int.TryParse(partnersText, NumberStyles.None, Inv, out var k) && k >= 1)
            {
                partners = k;
            }
            else
            {
                context.Error.WriteLine($"lem: --partners must be a positive whole number or 'all', not '{partnersText}'.");
                return ExitCodes.Usage;
            }
        }

        if (tariffAware == true && !mechanism.Capabilities.TariffAware)
        {
            context.Error.WriteLine($"lem: --tariff-aware applies to --mechanism {WithCapability(c => c.TariffAware)} only.");
            return ExitCodes.Usage;
        }

        if (networkCharge.UsageProblem(mechanism) is { } usage)
        {
            context.Error.WriteLine($"lem: {usage}");
            return ExitCodes.Usage;
        }

        if (parameters.Count > 0 && StochasticOptions.UsageProblem(mechanism, parameters) is { } parameterUsage)
        {
            context.Error.WriteLine($"lem: {parameterUsage}");
            return ExitCodes.Usage;
        }

        if (redispatch.UsageProblem(acCheck) is { } redispatchUsage)
        {
            context.Error.WriteLine($"lem: {redispatchUsage}");
            return ExitCodes.Usage;
        }

        if (settle.UsageProblem() is { } settleUsage)
        {
            context.Error.WriteLine($"lem: {settleUsage}");
            return ExitCodes.Usage;
        }

        if (gridName != "auto" && !mechanism.Capabilities.GridFormulations.Contains(gridName))
        {
            context.Error.WriteLine($"lem: the {mechanism.Name} mechanism clears on {string.Join(", ", mechanism.Capabilities.GridFormulations.Select(f => f == "copperplate" ? "copper plate" : f))}; --grid {gridName} applies to {WithCapability(c => c.GridFormulations.Contains(gridName))} only.");
            return ExitCodes.Usage;
        }

        if (maxUnbalancePercent is { } vuf && (!double.IsFinite(vuf) || vuf <= 0))
        {
            context.Error.WriteLine($"lem: --max-unbalance-percent must be a positive percentage (2 in EN 50160); got {vuf.ToString(CultureInfo.InvariantCulture)}.");
            return ExitCodes.Usage;
        }

        static bool LimitsUnbalance(ClearingCapabilities c) => c.GridFormulations.Any(f => GridFormulations.ByName(f) is IUnbalanceLimitedFormulation);
        if (maxUnbalancePercent is not null && !LimitsUnbalance(mechanism.Capabilities))
        {
            context.Error.WriteLine($"lem: --max-unbalance-percent needs a grid formulation with phases, and the {mechanism.Name} mechanism clears on {string.Join(", ", mechanism.Capabilities.GridFormulations)}; it applies to {WithCapability(LimitsUnbalance)} only.");
            return ExitCodes.Usage;
        }

        var load = ScenarioReader.Load(path);
        if (!load.IsValid)
        {
            ErrorPrinter.Print(context, format, path, load.Errors, load.Warnings);
            return ExitCodes.InvalidInput;
        }

        // Plausibility warnings (docs/scenario-format.md#plausibility-warnings) do not stop the run; they go to stderr.
        foreach (var warning in load.WarningDetails)
        {
            context.Error.WriteLine($"lem: warning: {warning}");
        }

        var s = load.Scenario!;
        if (engine.Cluster is not null && EngineOptions.ExternalUsageProblem(networkCharge.LevelEurPerMwh is not null, parameters.Count > 0, redispatch.Strategy is not null and not "none") is { } externalUsage)
        {
            context.Error.WriteLine($"lem: {externalUsage}");
            return ExitCodes.Usage;
        }

        var (chargePolicy, chargeError) = networkCharge.PolicyFor(s);
        if (chargeError is not null)
        {
            ErrorPrinter.Print(context, format, path, [chargeError]);
            return ExitCodes.InvalidInput;
        }

        MeterReadings? meters = null;
        if (settle.Enabled && settle.MetersPath is { } metersPath)
        {
            var read = MeterCsvReader.Read(metersPath, [.. SettlementRequest.BilledParticipants(s).Select(p => p.Id)], s.Horizon.Count);
            if (!read.IsValid)
            {
                ErrorPrinter.Print(context, format, metersPath, read.Errors);
                return ExitCodes.InvalidInput;
            }

            meters = read.Readings;
        }

        PipelineResult run;
        // --engine orleans: the agents run as grains on an in-process cluster, or on the silos of --cluster, which rebuild
        // them from the scenario file (docs/cluster.md); the pipeline is unchanged.
        OrleansEngine? cluster;
        try
        {
            cluster = EngineOptions.Start(engine.Name, engine.Silos, engine.Cluster);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Orleans.Runtime.OrleansException or TimeoutException or ArgumentException)
        {
            context.Error.WriteLine($"lem: --cluster: cannot join the cluster: {e.Message}");
            return ExitCodes.InternalError;
        }

        // The coordinator runs as a grain on the cluster (docs/cluster.md#the-coordinator-as-a-grain). Silos of an external
        // cluster rebuild the market and each agent from the scenario file as this run builds them: tariff-aware or not
        // (the pipeline's rule), with the same partners and grid.
        var coordinator = cluster is null ? null : new Lem.Cluster.GrainCoordinatorHost(cluster.Client) { ScenarioPath = cluster.External ? Path.GetFullPath(s.SourcePath ?? path) : null };
        if (coordinator is not null && cluster is not null)
        {
            context.Error.WriteLine($"Orleans: run {coordinator.RunId} on {cluster.Silos()} silo(s).");
            coordinator.Note += note => context.Error.WriteLine($"Orleans: {note}");
        }

        try
        {
            using (var display = ProgressDisplay.Start(context))
            {
                run = ClearingPipeline.Run(s, new PipelineRequest(mechanism.Name)
                {
                    Formulation = gridName,
                    Options = new ClearingOptions { PriceRule = rule, PartnersPerAgent = partners, NetworkCharges = chargePolicy, Parameters = parameters, Progress = display.Sink, CoordinatorHost = coordinator, MaxUnbalancePercent = maxUnbalancePercent },
                    AcCheck = acCheck,
                    Settle = settle.Enabled,
                    Meters = meters,
                    LocalPriceRule = localRule,
                    TariffAware = tariffAware,
                    Redispatch = redispatch.Strategy,
                    RedispatchOptions = redispatch.Options,
                });
            }

            if (cluster is not null && coordinator?.LastRun is { } last)
            {
                context.Error.WriteLine($"Orleans: {cluster.Silos()} silo(s), {last.AgentIds.Count} agent grains, {last.GrainCalls} grain calls, {last.Messages} messages, {last.Bytes} bytes (call filter); {last.Recoveries} agents recovered, {last.Replayed} messages replayed, {last.FailedCalls} failed calls; coordinator on silo {last.CoordinatorSilo}, {last.Restarts} restarts.");
            }
        }
        finally
        {
            cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        if (run.Clearing is null || run.Errors.Count > 0)
        {
            ErrorPrinter.Print(context, format, run.Errors.Any(e => e.Path.StartsWith('$')) ? s.SourcePath ?? path : path, run.Errors);
            return ExitCodes.InvalidInput;
        }

        var written = outDir is null ? null : ClearingOutputs.Write(outDir, run);
        if (outDir is not null && written is not null && ReportCommand.Write(context, outDir) is { } report)
        {
            // The plots and report.html are drawn from the files just written (docs/reports.md#one-path).
            written = [.. written, ReportBuilder.ReportFile, $"{ReportBuilder.PlotsFolder}/ ({report.Figures.Count} figures)"];
        }
        if (format == "json")
        {
            context.Out.WriteLine(ClearingOutputs.Summary(run, outDir is null ? null : SettlementFiles.InvoiceFolder));
        }
        else
        {
            WriteText(context, run, outDir, written, tableResolution);
        }

        return run.Clearing.Succeeded ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    private static string WithCapability(Func<ClearingCapabilities, bool> has) =>
        string.Join(" or ", ClearingMechanisms.Names.Where(n => has(ClearingMechanisms.Get(n).Capabilities)));

    private static void WriteText(CliContext context, PipelineResult run, string? outDir, IReadOnlyList<string>? written, TableResolution resolution)
    {
        var c = context.Console;
        var ctx = run.ReportContext;
        var r = ctx.Result;
        var s = run.Scenario;
        c.Write(new Rule($"[bold]{Markup.Escape(r.Report?.Title(ctx) ?? $"{r.Mechanism}: {s.Name}")}[/]").LeftJustified());
        if (!r.HasSchedule)
        {
            c.MarkupLine($"[red]{Markup.Escape(r.StatusName)}[/]: {Markup.Escape(r.Message ?? "no further information")}");
            return;
        }

        var hours = s.Horizon.SlotHours;
        var t = new Table().Border(TableBorder.Rounded).AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
        t.AddRow("Status", Markup.Escape(r.StatusName));
        t.AddRow("Social welfare", $"{r.WelfareEur.ToString("0.00", Inv)} EUR");
        t.AddRow("Tariff-aware clearing", run.TariffAware ? "yes (per-meter tariffs in the objective)" : "no");
        t.AddRow("Import / export", $"{(r.ImportKw.Sum() * hours / 1000).ToString("0.000", Inv)} / {(r.ExportKw.Sum() * hours / 1000).ToString("0.000", Inv)} MWh");
        var all = r.PricesEurPerMwh.SelectMany(x => x).Where(double.IsFinite).ToList();
        if (all.Count > 0)
        {
            t.AddRow("Local price range", $"{all.Min().ToString("0.00", Inv)} … {all.Max().ToString("0.00", Inv)} EUR/MWh");
        }

        foreach (var (label, value) in r.Report?.TextRows(ctx) ?? [])
        {
            t.AddRow(Markup.Escape(label), Markup.Escape(value));
        }

        if (run.AcCheck is { } ac)
        {
            t.AddRow("AC check: voltage range", $"{ac.VmMinPu.ToString("0.0000", Inv)} … {ac.VmMaxPu.ToString("0.0000", Inv)} p.u. ({(ac.AllConverged ? "all slots converged" : "NOT all slots converged")})");
            t.AddRow("AC check: max loading", $"{ac.MaxLoadingPercent.ToString("0.0", Inv)} %");
            var losses = ac.LossesMwh(hours);
            t.AddRow("AC check: losses", $"{(losses.TotalMwh * 1000).ToString("0.0", Inv)} kWh (series {(losses.SeriesMwh * 1000).ToString("0.0", Inv)}, transformer no-load {(losses.TransformerNoLoadMwh * 1000).ToString("0.0", Inv)}, shunt {(losses.ShuntMwh * 1000).ToString("0.0", Inv)})");
            if (ac.MaxVoltageDeviationPu is { } dev)
            {
                t.AddRow($"AC check: |V {Markup.Escape(r.Formulation)} − V AC| max", $"{dev.ToString("0.00000", Inv)} p.u.");
            }

            if (ac.ThreePhase is { } three)
            {
                if (three.MaxVoltageErrorPu is { } byPhase)
                {
                    t.AddRow("AC check (three-phase): |V error| max a / b / c", $"{string.Join(" / ", byPhase.Select(e => e.ToString("0.00000", Inv)))} p.u.");
                }

                t.AddRow("AC check (three-phase): max voltage unbalance", $"{three.MaxUnbalancePercent.ToString("0.000", Inv)} %");
            }

            t.AddRow("AC check: violations", ac.Violations.Count.ToString(Inv));
        }

        RedispatchCliRequest.AddTextRows(t, run.Redispatch);

        c.Write(t);
        var periods = PeriodTable.Text(PeriodTable.Build(r, s.Horizon, resolution), resolution, s.Horizon.SlotLength.Minutes);
        foreach (var table in (IEnumerable<ReportTable>)[periods, .. r.Report?.TextTables(ctx) ?? []])
        {
            var x = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(table.Title));
            for (var i = 0; i < table.Columns.Count; i++)
            {
                x.AddColumn(i == 0 ? new TableColumn(Markup.Escape(table.Columns[i])) : new TableColumn(Markup.Escape(table.Columns[i])).RightAligned());
            }

            foreach (var row in table.Rows)
            {
                x.AddRow([.. row.Select(Markup.Escape)]);
            }

            c.Write(x);
        }

        if (outDir is not null && written is not null)
        {
            c.MarkupLine($"Results written to [green]{Markup.Escape(outDir)}[/]: {Markup.Escape(string.Join(", ", written))}");
        }

        SettleRequest.WriteText(context, new SettleOutcome(null, string.Empty, run.Settlement, run.Settlement is null ? null : outDir, run.SettlementNote));
    }
}
