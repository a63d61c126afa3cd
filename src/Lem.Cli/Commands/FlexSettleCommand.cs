using Lem.Markets.Flexibility.Pricing;
using Lem.Markets.Flexibility.Settlement;
using Lem.Scenarios.Reading;
using Lem.Settlement.Invoices;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem flex settle &lt;scenario&gt; --meters FILE [--out DIR] [--format json] [--pricing …]</c>: clears the scenario's
/// flexibility market as <c>lem flex</c> does and settles its orders against the FSPs' metered net energy and their
/// baselines (docs/mechanisms/flexibility.md#settlement): the UFTP FlexSettlement quantities per order and slot and a
/// monthly statement per FSP.
/// </summary>
public static class FlexSettleCommand
{
    /// <summary>Creates the <c>settle</c> subcommand of <c>lem flex</c>.</summary>
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var meters = new Option<string>("--meters")
        {
            Description = "A CSV of each FSP's metered net energy per slot (header participant,slot,energy_kwh; kWh, injection positive).",
            Required = true,
        };
        var pricing = FlexScenarioInput.PricingOption("How orders are paid: pay-as-bid or uniform (as for lem flex).");
        var output = CommonOptions.OutputFolder("A folder for flex_settlement.json, settlements.csv, statements.json and statements.txt (created when missing).");
        var format = CommonOptions.Format();
        var command = new Command("settle", "Settle the flexibility market's orders against metered data and the FSPs' baselines: delivered flexibility, payments, penalties and monthly statements.")
        {
            scenario, meters, output, format, pricing,
        };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(scenario)!,
            parse.GetValue(meters)!,
            parse.GetValue(output),
            parse.GetValue(format)!,
            FlexClearingOptions.Default with { Pricing = FlexPricingRules.ByName(parse.GetValue(pricing)!) }));
        return command;
    }

    private static int Run(CliContext context, string path, string metersPath, string? outDir, string format, FlexClearingOptions options)
    {
        if (FlexScenarioInput.Load(context, path, format, "The scenario has no 'flexibility' section whose orders could be settled.") is not { Flexibility: { } market, Grid: { } grid } s)
        {
            return ExitCodes.InvalidInput;
        }

        var read = MeterCsvReader.Read(metersPath, [.. market.Fsps.Select(f => f.Id)], market.SlotCount);
        if (!read.IsValid)
        {
            ErrorPrinter.Print(context, format, metersPath, read.Errors);
            return ExitCodes.InvalidInput;
        }

        var clearing = FlexClearing.Clear(market, grid, options with { SensitivityModel = s.FlexibilitySensitivities });
        double? Metered(ParticipantId fsp, int slot) => read.Readings!.EnergyKwh(fsp, slot) / market.SlotHours;
        var problems = FlexPortfolioSettlement.Problems(market, clearing.Orders, Metered);
        if (problems.Count > 0)
        {
            ErrorPrinter.Print(context, format, metersPath, [.. problems.Select(p => new ValidationError(Path.GetFileName(metersPath), ValidationCodes.ValueInvalid, p))]);
            return ExitCodes.InvalidInput;
        }

        var result = FlexPortfolioSettlement.Settle(market, clearing.Orders, Metered);
        var json = ToJson(FlexClearingStatusNames.Of(clearing.Status), market.Rules.PenaltyEurPerMwh, result);
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            FlexScenarioInput.WriteJson(outDir, "flex_settlement.json", json);
            FlexScenarioInput.WriteJson(outDir, "statements.json", json.Statements.ToArray());
            File.WriteAllText(Path.Combine(outDir, "settlements.csv"), LinesCsv(json), new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(outDir, "statements.txt"), StatementsText(json), new UTF8Encoding(false));
        }

        if (format == "json")
        {
            Json.Write(context.Out, json);
        }
        else
        {
            WriteText(context, json, outDir);
        }

        return ExitCodes.Ok;
    }

    private static FlexSettlementJson ToJson(string status, double penalty, FlexSettlementResult r) => new(
        status,
        r.BaselineMethod,
        penalty,
        SettlementJson.Trim(r.Statements.Sum(st => st.NetEur)),
        [.. r.Lines.Select(l => new FlexSettlementLineJson(
            l.Order.Offer.Id,
            l.Order.Offer.Fsp.Value,
            l.Order.Slot,
            l.Order.Offer.Direction.Name(),
            Math.Round(l.Delivery.BaselineKw, 6),
            Math.Round(l.Delivery.OrderedKw, 6),
            Math.Round(l.Delivery.ActualKw, 6),
            Math.Round(l.Delivery.DeliveredKw, 6),
            Math.Round(l.Delivery.ShortfallKw, 6),
            SettlementJson.Trim(l.Delivery.PaymentEur),
            SettlementJson.Trim(l.Delivery.AvailabilityEur),
            SettlementJson.Trim(l.Delivery.PenaltyEur),
            SettlementJson.Trim(l.Delivery.NetEur)))],
        [.. r.Statements.Select(st => new FlexStatementJson(
            st.Fsp.Value,
            st.Month,
            st.Lines,
            Math.Round(st.OrderedKwh, 6),
            Math.Round(st.DeliveredKwh, 6),
            Math.Round(st.DeficiencyKwh, 6),
            SettlementJson.Trim(st.UtilisationEur),
            SettlementJson.Trim(st.AvailabilityEur),
            SettlementJson.Trim(st.PenaltyEur),
            SettlementJson.Trim(st.NetEur)))]);

    private static string LinesCsv(FlexSettlementJson json)
    {
        var sb = new StringBuilder("offer,fsp,slot,direction,baseline_power_kw,ordered_flex_power_kw,actual_power_kw,delivered_flex_power_kw,power_deficiency_kw,utilisation_eur,availability_eur,penalty_eur,net_settlement_eur\n");
        foreach (var l in json.Settlements)
        {
            sb.Append(Inv, $"{l.Offer},{l.Fsp},{l.Slot},{l.Direction},{l.BaselinePowerKw},{l.OrderedFlexPowerKw},{l.ActualPowerKw},{l.DeliveredFlexPowerKw},{l.PowerDeficiencyKw},{l.UtilisationEur},{l.AvailabilityEur},{l.PenaltyEur},{l.NetSettlementEur}\n");
        }

        return sb.ToString();
    }

    private static string StatementsText(FlexSettlementJson json)
    {
        var sb = new StringBuilder();
        foreach (var st in json.Statements)
        {
            sb.Append(Inv, $"Flexibility statement: FSP {st.Fsp}, {st.Month} (baseline: {json.Baseline})\n");
            (string Label, FormattableString Value)[] rows =
            [
                ("order lines", $"{st.Lines}"),
                ("ordered energy", $"{st.OrderedKwh} kWh"),
                ("delivered energy", $"{st.DeliveredKwh} kWh"),
                ("deficiency", $"{st.DeficiencyKwh} kWh"),
                ("utilisation payments", $"{st.UtilisationEur} EUR"),
                ("availability payments", $"{st.AvailabilityEur} EUR"),
                ("penalties", $"-{st.PenaltyEur} EUR (at {json.PenaltyEurPerMwh} EUR/MWh)"),
                ("net, DSO to FSP", $"{st.NetEur} EUR"),
            ];
            foreach (var (label, value) in rows)
            {
                sb.Append("  ").Append(label.PadRight(23)).Append(value.ToString(Inv)).Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static void WriteText(CliContext context, FlexSettlementJson json, string? outDir)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]Flexibility settlement[/]: baseline {Markup.Escape(json.Baseline)}, clearing {Markup.Escape(json.Status)}").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Slot").AddColumn("Offer").AddColumn("FSP");
        foreach (var name in new[] { "Baseline kW", "Ordered kW", "Actual kW", "Delivered kW", "Deficiency kW", "Utilisation EUR", "Availability EUR", "Penalty EUR", "Net EUR" })
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }

        foreach (var l in json.Settlements)
        {
            table.AddRow(
                l.Slot.ToString(Inv), Markup.Escape(l.Offer), Markup.Escape(l.Fsp),
                l.BaselinePowerKw.ToString("0.###", Inv), l.OrderedFlexPowerKw.ToString("0.###", Inv), l.ActualPowerKw.ToString("0.###", Inv),
                l.DeliveredFlexPowerKw.ToString("0.###", Inv), l.PowerDeficiencyKw.ToString("0.###", Inv),
                l.UtilisationEur.ToString(Inv), l.AvailabilityEur.ToString(Inv), l.PenaltyEur.ToString(Inv), l.NetSettlementEur.ToString(Inv));
        }

        c.Write(table);
        context.Out.Write(StatementsText(json));
        if (outDir is not null)
        {
            c.MarkupLine($"Wrote flex_settlement.json, settlements.csv, statements.json and statements.txt to {Markup.Escape(outDir)}.");
        }
    }
}
