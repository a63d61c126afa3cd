using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lem.Cli.Output;
using Lem.Grid.Formulations;
using Lem.Markets;
using Lem.Markets.Distributed;
using Lem.Markets.Pool;
using Lem.Scenarios;
using Lem.Settlement.Billing;
using Spectre.Console;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem run &lt;scenario&gt; --mechanism pool --grid …</c>: clears a scenario's market, checks it with an AC power
/// flow and writes the results.
/// </summary>
public static class RunCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario JSON file." };
        var mechanism = new Option<string>("--mechanism") { Description = "The market mechanism: pool (centralised welfare maximisation by the market operator), p2p (bilateral trades by consensus ADMM), community (community manager, ADMM) or exchange (supervisor, exchange ADMM).", DefaultValueFactory = _ => "pool" };
        mechanism.AcceptOnlyFromAmong("pool", "p2p", "community", "exchange");
        var grid = new Option<string>("--grid") { Description = "Grid formulation: auto (lindistflow when radial, dc when meshed, copperplate without a grid), copperplate, dc, lindistflow, soc or ac.", DefaultValueFactory = _ => "auto" };
        grid.AcceptOnlyFromAmong(["auto", .. GridFormulations.Names]);
        var output = new Option<string?>("--out") { Description = "A folder for prices.csv, dispatch.csv, storage.csv, grid.csv and summary.json." };
        var format = CommonOptions.Format();
        var priceRule = new Option<string>("--price-rule") { Description = "Tie rule for an indeterminate uniform price: midpoint or marginal.", DefaultValueFactory = _ => "midpoint" };
        priceRule.AcceptOnlyFromAmong("midpoint", "marginal");
        var noAcCheck = new Option<bool>("--no-ac-check") { Description = "Skip the AC power-flow check of the cleared injections." };
        var partners = new Option<string?>("--partners") { Description = "P2P only: trading partners per participant besides the outside market (neighbours in scenario order), or 'all' for the complete graph. Default: the complete graph up to 16 participants, else 6." };
        var networkCharge = new NetworkChargeOptions();
        var settle = new SettleOptions();
        var command = new Command("run", "Clear a scenario's local market and report welfare, prices, dispatch and the AC check.")
        {
            scenario, mechanism, grid, output, format, priceRule, noAcCheck, networkCharge.Level, networkCharge.Distance, networkCharge.Split,
        };
        command.Options.Add(partners);
        command.Options.Add(settle.Settle);
        command.Options.Add(settle.Meters);
        command.SetAction(parse => Run(
            context,
            parse.GetValue(scenario)!,
            parse.GetValue(mechanism)!,
            parse.GetValue(grid)!,
            parse.GetValue(output),
            parse.GetValue(format)!,
            parse.GetValue(priceRule) == "marginal" ? PriceRule.MarginalOrder : PriceRule.Midpoint,
            !parse.GetValue(noAcCheck),
            networkCharge.Read(parse),
            settle.Read(parse),
            parse.GetValue(partners)));
        return command;
    }

    private static int Run(CliContext context, string path, string mechanism, string gridName, string? outDir, string format, PriceRule rule, bool acCheck, NetworkChargeRequest networkCharge, SettleRequest settle, string? partnersText)
    {
        int? partners = null;
        if (partnersText is not null)
        {
            if (mechanism != "p2p")
            {
                context.Error.WriteLine("lem: --partners applies to --mechanism p2p only.");
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

        if (networkCharge.UsageProblem(mechanism) is { } usage)
        {
            context.Error.WriteLine($"lem: {usage}");
            return ExitCodes.Usage;
        }

        if (settle.UsageProblem() is { } settleUsage)
        {
            context.Error.WriteLine($"lem: {settleUsage}");
            return ExitCodes.Usage;
        }

        var load = ScenarioReader.Load(path);
        if (!load.IsValid)
        {
            ErrorPrinter.Print(context, format, path, load.Errors, load.Warnings);
            return ExitCodes.InvalidInput;
        }

        var s = load.Scenario!;
        if (mechanism != "pool")
        {
            if (gridName is not ("auto" or "copperplate"))
            {
                context.Error.WriteLine($"lem: the {mechanism} mechanism clears on copper plate; --grid {gridName} applies to the pool only.");
                return ExitCodes.Usage;
            }

            return RunDistributed(context, s, path, mechanism, outDir, format, acCheck, networkCharge, settle, partners);
        }

        var formulation = GridFormulations.Choose(gridName, s.Grid);
        if (s.Grid is not null && formulation.CannotRepresent(Grid.Indexing.NetworkIndex.Build(s.Grid)) is { } why)
        {
            ErrorPrinter.Print(context, format, path, [new Domain.Validation.ValidationError("--grid", "grid.formulation_not_applicable", $"The {formulation.Name} formulation cannot represent this grid: {why}")]);
            return ExitCodes.InvalidInput;
        }

        var options = new PoolOptions { PriceRule = rule };
        var result = PoolClearing.Clear(s, formulation, options);
        var ac = acCheck ? AcCheck.Run(result, s, options) : null;
        var summary = Summary(s, result, ac);
        if (outDir is not null)
        {
            WriteFiles(outDir, s, result, ac, summary);
        }

        var settled = settle.Apply(context, format, s, result.Status == PoolStatus.Optimal ? () => ClearingOutcomes.FromPool(result, s) : null, outDir, summary);
        if (settled.ExitCode is { } settleFailed)
        {
            return settleFailed;
        }

        if (format == "json")
        {
            context.Out.WriteLine(settled.Summary);
        }
        else
        {
            WriteText(context, s, result, ac, outDir);
            settled.WriteText(context);
        }

        return result.Status == PoolStatus.Optimal ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    private static string Summary(Scenario s, PoolResult r, AcCheckResult? ac) => JsonSummary(w =>
    {
        w.WriteString("scenario", s.Name);
        w.WriteString("mechanism", "pool");
        w.WriteString("grid", r.FormulationName);
        w.WriteString("status", r.Status.ToString().ToLowerInvariant());
        if (r.Message is not null)
        {
            w.WriteString("message", r.Message);
        }

        w.WriteNumber("welfare_eur", r.WelfareEur);
        w.WriteNumber("import_mwh", r.ImportMwh);
        w.WriteNumber("export_mwh", r.ExportMwh);
        w.WriteString("price_rule", r.PriceRule == PriceRule.Midpoint ? "midpoint" : "marginal");
        w.WriteBoolean("simultaneous_charging_prevented", r.SimultaneousChargingPrevented);
        w.WriteNumber("slot_count", r.Slots.Count);
        w.WriteNumber("slot_minutes", s.Horizon.SlotLength.Minutes);
        w.WriteStartArray("prices");
        foreach (var slot in r.Slots)
        {
            w.WriteStartObject();
            w.WriteNumber("slot", slot.Index);
            w.WriteString("start", slot.Start.InZone(s.Horizon.Zone).ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm>", Inv));
            w.WriteString("source", slot.PriceSource.ToString().ToLowerInvariant());
            w.WriteNumber("min_eur_per_mwh", slot.PricesEurPerMwh.Count == 0 ? 0 : slot.PricesEurPerMwh.Min());
            w.WriteNumber("max_eur_per_mwh", slot.PricesEurPerMwh.Count == 0 ? 0 : slot.PricesEurPerMwh.Max());
            w.WriteStartArray("buses");
            for (var b = 0; b < slot.PricesEurPerMwh.Count; b++)
            {
                w.WriteStartObject();
                w.WriteString("id", r.BusIds.Count > b ? r.BusIds[b].Value : "copperplate");
                w.WriteNumber("eur_per_mwh", slot.PricesEurPerMwh[b]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteAcCheck(w, ac, s);
        w.WriteStartObject("model");
        w.WriteNumber("variables", r.Statistics.Variables);
        w.WriteNumber("constraints", r.Statistics.Constraints);
        w.WriteNumber("binaries", r.Statistics.Binaries);
        w.WriteNumber("build_seconds", r.Statistics.BuildSeconds);
        w.WriteNumber("solve_seconds", r.Statistics.SolveSeconds);
        w.WriteString("solver", r.Statistics.SolverName);
        w.WriteEndObject();
    });

    private static string JsonSummary(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteAcCheck(Utf8JsonWriter w, AcCheckResult? ac, Scenario s)
    {
        if (ac is null)
        {
            w.WriteNull("ac_check");
        }
        else
        {
            w.WriteStartObject("ac_check");
            w.WriteString("algorithm", ac.Algorithm == Grid.PowerFlow.PowerFlowAlgorithm.NewtonRaphson ? "nr" : "bfs");
            w.WriteBoolean("converged", ac.AllConverged);
            w.WriteNumber("vm_min_pu", ac.VmMinPu);
            w.WriteNumber("vm_max_pu", ac.VmMaxPu);
            w.WriteNumber("max_loading_percent", ac.MaxLoadingPercent);
            w.WriteNumber("losses_mwh", ac.Slots.Sum(x => x.LossesMw) * s.Horizon.SlotHours);
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
                w.WriteString("kind", JsonNames.Of(v.Kind));
                w.WriteString("element", v.ElementId);
                w.WriteNumber("value", v.Value);
                w.WriteNumber("limit", v.Limit);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

    }

    private static int RunDistributed(CliContext context, Scenario s, string path, string mechanismName, string? outDir, string format, bool acCheck, NetworkChargeRequest networkCharge, SettleRequest settle, int? partners)
    {
        var (chargePolicy, chargeError) = networkCharge.PolicyFor(s);
        if (chargeError is not null)
        {
            ErrorPrinter.Print(context, format, path, [chargeError]);
            return ExitCodes.InvalidInput;
        }

        var mechanism = mechanismName switch
        {
            "p2p" => DistributedMechanism.P2p,
            "community" => DistributedMechanism.Community,
            _ => DistributedMechanism.Exchange,
        };
        var result = DistributedClearing.Run(s, mechanism, DistributedOptions.Default with { NetworkCharges = chargePolicy, PartnersPerAgent = partners });
        var chargeTable = chargePolicy is null ? null : NetworkCharges.Build(s, chargePolicy, DistributedOptions.Default.OutsideMarketId);
        AcCheckResult? ac = null;
        if (acCheck && s.Grid is not null)
        {
            var injections = new Dictionary<ParticipantId, IReadOnlyList<double>>();
            foreach (var position in result.Positions)
            {
                if (ParticipantId.TryCreate(position.ParticipantId, out var id) && s.Participants.Any(p => p.Id == id))
                {
                    injections[id] = position.NetInjectionKw;
                }
            }

            // Reactive power: the inflexible and curtailable demand draws it at the pool's default power factor.
            var consumption = s.Participants.ToDictionary(
                p => p.Id,
                p => (IReadOnlyList<double>)[.. Enumerable.Range(0, s.Horizon.Count).Select(t =>
                    p.Assets.OfType<Domain.Assets.InflexibleLoad>().Sum(a => a.DemandKw[t]) + p.Assets.OfType<Domain.Assets.CurtailableLoad>().Sum(a => a.DemandKw[t]))]);
            var netImportMw = result.ImportKw.Zip(result.ExportKw, (i, e) => (i - e) / 1000).ToList();
            ac = AcCheck.Run(s, injections, consumption, netImportMw, null, PoolOptions.Default.LoadPowerFactor);
        }

        var importMwh = result.ImportKw.Sum() * s.Horizon.SlotHours / 1000;
        var exportMwh = result.ExportKw.Sum() * s.Horizon.SlotHours / 1000;
        var summary = JsonSummary(w =>
        {
            w.WriteString("scenario", s.Name);
            w.WriteString("mechanism", mechanismName);
            w.WriteString("grid", "copperplate");
            w.WriteString("status", result.Status switch { ConvergenceStatus.Converged => "converged", ConvergenceStatus.IterationLimit => "iteration_limit", _ => "diverging" });
            w.WriteNumber("welfare_eur", result.WelfareEur);
            w.WriteNumber("import_mwh", importMwh);
            w.WriteNumber("export_mwh", exportMwh);
            w.WriteNumber("iterations", result.Iterations);
            w.WriteNumber("primal_residual", result.PrimalResidual);
            w.WriteNumber("dual_residual", result.DualResidual);
            w.WriteNumber("messages", result.Messages);
            w.WriteNumber("bytes", result.Bytes);
            w.WriteNumber("wall_seconds", result.WallSeconds);
            w.WriteNumber("slot_count", result.PricesEurPerMwh.Count);
            w.WriteNumber("trade_count", result.Trades.Count);
            w.WriteStartArray("prices");
            for (var t = 0; t < result.PricesEurPerMwh.Count; t++)
            {
                w.WriteStartObject();
                w.WriteNumber("slot", t);
                w.WriteString("start", s.Horizon.Slots[t].StartIn(s.Horizon.Zone).ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm>", Inv));
                w.WriteNumber("min_eur_per_mwh", result.PricesEurPerMwh[t]);
                w.WriteNumber("max_eur_per_mwh", result.PricesEurPerMwh[t]);
                w.WriteStartArray("buses");
                w.WriteStartObject();
                w.WriteString("id", "copperplate");
                w.WriteNumber("eur_per_mwh", result.PricesEurPerMwh[t]);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteAcCheck(w, ac, s);
            if (mechanism == DistributedMechanism.P2p)
            {
                NetworkChargeOptions.WriteJson(w, chargeTable, result);
            }
        });

        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            string Time(int t) => s.Horizon.Slots[t].StartIn(s.Horizon.Zone).ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm>", Inv);
            string F(double v) => v.ToString("0.######", Inv);
            var prices = new StringBuilder("slot,time,bus,price_eur_per_mwh\n");
            for (var t = 0; t < result.PricesEurPerMwh.Count; t++)
            {
                prices.Append(Inv, $"{t},{Time(t)},copperplate,{F(result.PricesEurPerMwh[t])}\n");
            }

            var dispatch = new StringBuilder("slot,time,participant,net_injection_kw\n");
            foreach (var position in result.Positions)
            {
                for (var t = 0; t < position.NetInjectionKw.Count; t++)
                {
                    dispatch.Append(Inv, $"{t},{Time(t)},{position.ParticipantId},{F(position.NetInjectionKw[t])}\n");
                }
            }

            var trades = new StringBuilder("buyer,seller,slot,quantity,price\n");
            foreach (var trade in result.Trades)
            {
                trades.Append(Inv, $"{trade.BuyerId},{trade.SellerId},{trade.Slot},{F(trade.QuantityKwh)},{F(trade.PriceEurPerMwh)}\n");
            }

            var utf8 = new UTF8Encoding(false);
            File.WriteAllText(Path.Combine(outDir, "prices.csv"), prices.ToString(), utf8);
            File.WriteAllText(Path.Combine(outDir, "dispatch.csv"), dispatch.ToString(), utf8);
            File.WriteAllText(Path.Combine(outDir, "trades.csv"), trades.ToString(), utf8);
            if (chargeTable is not null)
            {
                File.WriteAllText(Path.Combine(outDir, "network_charges.csv"), NetworkChargeOptions.Csv(chargeTable, result), utf8);
            }

            File.WriteAllText(Path.Combine(outDir, "convergence.csv"), result.ResidualHistoryCsv(), utf8);
            File.WriteAllText(Path.Combine(outDir, "summary.json"), summary + "\n", utf8);
        }

        var settled = settle.Apply(context, format, s, () => ClearingOutcomes.FromDistributed(result, s), outDir, summary);
        if (settled.ExitCode is { } settleFailed)
        {
            return settleFailed;
        }

        if (format == "json")
        {
            context.Out.WriteLine(settled.Summary);
        }
        else
        {
            var c = context.Console;
            c.Write(new Rule($"[bold]{Markup.Escape(mechanismName)} market[/] (distributed, ADMM): {Markup.Escape(s.Name)}").LeftJustified());
            var t = new Table().Border(TableBorder.Rounded).AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
            t.AddRow("Status", $"{result.Status} after {result.Iterations} iterations ({result.WallSeconds.ToString("0.000", Inv)} s)");
            t.AddRow("Residuals (primal / dual)", $"{result.PrimalResidual.ToString("0.0e+0", Inv)} / {result.DualResidual.ToString("0.0e+0", Inv)}");
            t.AddRow("Messages / bytes", $"{result.Messages} / {result.Bytes}");
            t.AddRow("Social welfare", $"{result.WelfareEur.ToString("0.00", Inv)} EUR");
            t.AddRow("Import / export", $"{importMwh.ToString("0.000", Inv)} / {exportMwh.ToString("0.000", Inv)} MWh");
            t.AddRow("Price range", result.PricesEurPerMwh.Count == 0 ? "–" : $"{result.PricesEurPerMwh.Min().ToString("0.00", Inv)} … {result.PricesEurPerMwh.Max().ToString("0.00", Inv)} EUR/MWh");
            t.AddRow("Bilateral trades", result.Trades.Count.ToString(Inv));
            if (chargeTable is not null)
            {
                t.AddRow("Network charges", Markup.Escape(NetworkChargeOptions.Describe(chargeTable, result)));
            }

            if (ac is not null)
            {
                t.AddRow("AC check: voltage range", $"{ac.VmMinPu.ToString("0.0000", Inv)} … {ac.VmMaxPu.ToString("0.0000", Inv)} p.u.");
                t.AddRow("AC check: max loading / violations", $"{ac.MaxLoadingPercent.ToString("0.0", Inv)} % / {ac.Violations.Count}");
            }

            c.Write(t);
            if (outDir is not null)
            {
                c.MarkupLine($"Results written to [green]{Markup.Escape(outDir)}[/]: prices.csv, dispatch.csv, trades.csv, convergence.csv, summary.json");
            }

            settled.WriteText(context);
        }

        return result.Status == ConvergenceStatus.Converged ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    private static void WriteFiles(string dir, Scenario s, PoolResult r, AcCheckResult? ac, string summary)
    {
        Directory.CreateDirectory(dir);
        string Time(int t) => r.Slots[t].Start.InZone(s.Horizon.Zone).ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm>", Inv);
        string F(double v) => v.ToString("0.######", Inv);

        var prices = new StringBuilder("slot,time,bus,price_eur_per_mwh\n");
        foreach (var slot in r.Slots)
        {
            for (var b = 0; b < slot.PricesEurPerMwh.Count; b++)
            {
                prices.Append(Inv, $"{slot.Index},{Time(slot.Index)},{(r.BusIds.Count > b ? r.BusIds[b].Value : "copperplate")},{F(slot.PricesEurPerMwh[b])}\n");
            }
        }

        var dispatch = new StringBuilder("slot,time,participant,asset,kind,net_injection_kw\n");
        foreach (var a in r.Assets)
        {
            for (var t = 0; t < a.NetInjectionKw.Count; t++)
            {
                dispatch.Append(Inv, $"{t},{Time(t)},{a.Participant},{a.Asset},{a.Kind},{F(a.NetInjectionKw[t])}\n");
            }
        }

        foreach (var slot in r.Slots)
        {
            dispatch.Append(Inv, $"{slot.Index},{Time(slot.Index)},outside-market,import,import,{F(slot.ImportMwh / s.Horizon.SlotHours * 1000)}\n");
            dispatch.Append(Inv, $"{slot.Index},{Time(slot.Index)},outside-market,export,export,{F(-slot.ExportMwh / s.Horizon.SlotHours * 1000)}\n");
        }

        var storage = new StringBuilder("slot,time,participant,asset,kind,charge_kw,discharge_kw,soc_kwh\n");
        foreach (var b in r.Assets.OfType<BatteryDispatch>())
        {
            for (var t = 0; t < b.ChargeKw.Count; t++)
            {
                storage.Append(Inv, $"{t},{Time(t)},{b.Participant},{b.Asset},battery,{F(b.ChargeKw[t])},{F(b.DischargeKw[t])},{F(b.SocKwh[t])}\n");
            }
        }

        foreach (var e in r.Assets.OfType<EvDispatch>())
        {
            for (var t = 0; t < e.ChargeKw.Count; t++)
            {
                storage.Append(Inv, $"{t},{Time(t)},{e.Participant},{e.Asset},ev,{F(e.ChargeKw[t])},{F(e.DischargeKw[t])},{F(e.EnergyKwh[t])}\n");
            }
        }

        var grid = new StringBuilder("slot,time,quantity,element,value\n");
        foreach (var slot in r.Slots)
        {
            if (slot.VoltagesPu is { } vm)
            {
                for (var b = 0; b < vm.Count; b++)
                {
                    grid.Append(Inv, $"{slot.Index},{Time(slot.Index)},vm_pu,{r.BusIds[b]},{F(vm[b])}\n");
                }
            }

            if (slot.BranchFlowsMw is { } flows)
            {
                for (var k = 0; k < flows.Count; k++)
                {
                    grid.Append(Inv, $"{slot.Index},{Time(slot.Index)},p_from_mw,{r.BranchIds[k]},{F(flows[k])}\n");
                }
            }

            grid.Append(Inv, $"{slot.Index},{Time(slot.Index)},losses_mw,total,{F(slot.LossesMw)}\n");
        }

        if (ac is not null)
        {
            foreach (var slot in ac.Slots)
            {
                grid.Append(Inv, $"{slot.Slot},{Time(slot.Slot)},ac_vm_min_pu,{slot.VmMinBus},{F(slot.VmMinPu)}\n");
                grid.Append(Inv, $"{slot.Slot},{Time(slot.Slot)},ac_max_loading_percent,max,{F(slot.MaxLoadingPercent)}\n");
                grid.Append(Inv, $"{slot.Slot},{Time(slot.Slot)},ac_losses_mw,total,{F(slot.LossesMw)}\n");
            }
        }

        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(dir, "prices.csv"), prices.ToString(), utf8);
        File.WriteAllText(Path.Combine(dir, "dispatch.csv"), dispatch.ToString(), utf8);
        File.WriteAllText(Path.Combine(dir, "storage.csv"), storage.ToString(), utf8);
        File.WriteAllText(Path.Combine(dir, "grid.csv"), grid.ToString(), utf8);
        File.WriteAllText(Path.Combine(dir, "summary.json"), summary + "\n", utf8);
    }

    private static void WriteText(CliContext context, Scenario s, PoolResult r, AcCheckResult? ac, string? outDir)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]Pool clearing[/]: {Markup.Escape(s.Name)} on {Markup.Escape(r.FormulationName)}").LeftJustified());
        if (r.Status != PoolStatus.Optimal)
        {
            c.MarkupLine($"[red]{r.Status}[/]: {Markup.Escape(r.Message ?? "no further information")}");
            return;
        }

        var t = new Table().Border(TableBorder.Rounded).AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
        t.AddRow("Social welfare", $"{r.WelfareEur.ToString("0.00", Inv)} EUR");
        t.AddRow("Import / export", $"{r.ImportMwh.ToString("0.000", Inv)} / {r.ExportMwh.ToString("0.000", Inv)} MWh");
        var all = r.Slots.SelectMany(x => x.PricesEurPerMwh).ToList();
        if (all.Count > 0)
        {
            t.AddRow("Local price range", $"{all.Min().ToString("0.00", Inv)} … {all.Max().ToString("0.00", Inv)} EUR/MWh");
        }

        t.AddRow("Model", $"{r.Statistics.Variables} variables, {r.Statistics.Constraints} constraints, {r.Statistics.Binaries} binaries; build {r.Statistics.BuildSeconds.ToString("0.000", Inv)} s, solve {r.Statistics.SolveSeconds.ToString("0.000", Inv)} s ({r.Statistics.SolverName})");
        if (ac is not null)
        {
            t.AddRow("AC check: voltage range", $"{ac.VmMinPu.ToString("0.0000", Inv)} … {ac.VmMaxPu.ToString("0.0000", Inv)} p.u. ({(ac.AllConverged ? "all slots converged" : "NOT all slots converged")})");
            t.AddRow("AC check: max loading", $"{ac.MaxLoadingPercent.ToString("0.0", Inv)} %");
            t.AddRow("AC check: losses", $"{(ac.Slots.Sum(x => x.LossesMw) * s.Horizon.SlotHours * 1000).ToString("0.0", Inv)} kWh");
            if (ac.MaxVoltageDeviationPu is { } dev)
            {
                t.AddRow($"AC check: |V {Markup.Escape(r.FormulationName)} − V AC| max", $"{dev.ToString("0.00000", Inv)} p.u.");
            }

            t.AddRow("AC check: violations", ac.Violations.Count.ToString(Inv));
        }

        c.Write(t);
        var prices = new Table().Border(TableBorder.Rounded).Title("Prices per hour (EUR/MWh, min … max over buses)").AddColumn("Slot").AddColumn(new TableColumn("Price").RightAligned()).AddColumn(new TableColumn("Import MWh").RightAligned()).AddColumn(new TableColumn("Export MWh").RightAligned());
        var perHour = Math.Max(1, (int)Math.Round(1 / s.Horizon.SlotHours));
        foreach (var slot in r.Slots.Where(x => x.Index % perHour == 0))
        {
            var min = slot.PricesEurPerMwh.Min();
            var max = slot.PricesEurPerMwh.Max();
            prices.AddRow(
                slot.Start.InZone(s.Horizon.Zone).ToString("HH:mm", Inv),
                Math.Abs(max - min) < 0.005 ? min.ToString("0.00", Inv) : $"{min.ToString("0.00", Inv)} … {max.ToString("0.00", Inv)}",
                slot.ImportMwh.ToString("0.000", Inv),
                slot.ExportMwh.ToString("0.000", Inv));
        }

        c.Write(prices);
        if (outDir is not null)
        {
            c.MarkupLine($"Results written to [green]{Markup.Escape(outDir)}[/]: prices.csv, dispatch.csv, storage.csv, grid.csv, summary.json");
        }
    }
}
