using Lem.Settlement.TariffDesign;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem tariff-design &lt;scenario&gt; --tariffs volumetric,net-metering,capacity,tou --revenue EUR [--objective peak|cost]
/// [--fairness-limit EUR] [--mpec]</c>: the DSO as Stackelberg leader sets each tariff's level to recover the revenue,
/// every participant responding with its own LP; reports levels, peak, revenue, bills and the cost shifted to passive
/// consumers (docs/games.md#stackelberg-tariff-design).
/// </summary>
public static class TariffDesignCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var tariffs = new Option<string>("--tariffs") { Description = $"Comma-separated tariff designs: {string.Join(", ", TariffDesignKinds.Names)}.", DefaultValueFactory = _ => string.Join(',', TariffDesignKinds.Names) };
        var revenue = new Option<double?>("--revenue") { Description = "The revenue R the tariff must recover over the scenario's horizon, EUR (> 0).", Required = true };
        var objective = CommonOptions.Choice("--objective", "What the recommended design minimises: peak (coincident peak withdrawal) or cost (participants' energy and asset cost).", "peak", "peak", "cost");
        var fairness = new Option<double?>("--fairness-limit") { Description = "The most a passive consumer's (no PV, no battery) grid charge may exceed its share by consumption, EUR." };
        var mpec = new Option<bool>("--mpec") { Description = "Also solve each design as an MPEC (KKT + big-M MILP on HiGHS) and validate it against the grid search (small instances)." };
        var bigM = new Option<double>("--big-m") { Description = "The MPEC's big-M.", DefaultValueFactory = _ => 1e4 };
        var format = CommonOptions.Format();
        var command = new Command("tariff-design", "Stackelberg grid-tariff design: the DSO sets tariff levels that recover its revenue, participants respond with their own LPs; bills and the cost shifted to passive consumers.")
        {
            scenario, tariffs, revenue, objective, fairness, mpec, bigM, format,
        };
        command.SetAction(parse => Run(context, parse.GetValue(scenario)!, parse.GetValue(tariffs)!, parse.GetValue(revenue), parse.GetValue(objective)!, parse.GetValue(fairness), parse.GetValue(mpec), parse.GetValue(bigM), parse.GetValue(format)!));
        return command;
    }

    private static int Run(CliContext context, string path, string tariffText, double? revenue, string objective, double? fairness, bool mpec, double bigM, string format)
    {
        var errors = new List<ValidationError>();
        var names = tariffText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = names.Where(n => TariffDesignKinds.Find(n) is null).Distinct(StringComparer.Ordinal).ToList();
        if (names.Length == 0 || unknown.Count > 0)
        {
            errors.Add(new ValidationError("--tariffs", "tariff.unknown_design", $"{(names.Length == 0 ? "No tariff design given" : $"Unknown tariff design{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}")}; use {string.Join(", ", TariffDesignKinds.Names)}."));
        }

        if (revenue is not { } r || !double.IsFinite(r) || r <= 0)
        {
            errors.Add(new ValidationError("--revenue", "tariff.revenue", "--revenue must be a positive amount of EUR."));
        }

        if (fairness is { } f && (!double.IsFinite(f) || f < 0))
        {
            errors.Add(new ValidationError("--fairness-limit", "tariff.fairness_limit", "--fairness-limit must be a non-negative amount of EUR."));
        }

        if (!double.IsFinite(bigM) || bigM <= 0)
        {
            errors.Add(new ValidationError("--big-m", "tariff.big_m", "--big-m must be positive."));
        }

        if (errors.Count > 0)
        {
            ErrorPrinter.Print(context, format, path, errors);
            return ExitCodes.Usage;
        }

        var load = ScenarioReader.Load(path);
        if (!load.IsValid)
        {
            ErrorPrinter.Print(context, format, path, load.Errors, load.Warnings);
            return ExitCodes.InvalidInput;
        }

        var market = load.Scenario!;
        var options = new TariffDesignOptions { RevenueEur = revenue!.Value, Objective = objective, FairnessLimitEur = fairness };
        var kinds = names.Distinct(StringComparer.Ordinal).Select(n => TariffDesignKinds.Find(n)!).ToList();
        TariffDesignResult result;
        var checks = new List<(string Tariff, TariffMpecResult Mpec, string? Problem)>();
        try
        {
            var designer = TariffDesigner.ForMarket(market);
            if (designer.Followers.Count == 0)
            {
                ErrorPrinter.Print(context, format, path, [new ValidationError("participants", "tariff.no_followers", $"Scenario '{market.Name}' has no participant with assets or orders.")]);
                return ExitCodes.InvalidInput;
            }

            result = designer.Run(kinds, options);
            if (mpec)
            {
                foreach (var outcome in result.Outcomes)
                {
                    var kind = TariffDesignKinds.Find(outcome.Tariff)!;
                    var m = TariffMpec.Solve(designer, kind, options.RevenueEur, 4 * outcome.Level, bigM);
                    checks.Add((outcome.Tariff, m, m.Validate(outcome.Level)));
                }
            }
        }
        catch (ArgumentException ex)
        {
            ErrorPrinter.Print(context, format, path, [new ValidationError("--mpec", "tariff.mpec_too_large", ex.Message)]);
            return ExitCodes.InvalidInput;
        }
        catch (InvalidOperationException ex)
        {
            ErrorPrinter.Print(context, format, path, [new ValidationError("--revenue", "tariff.not_recoverable", ex.Message)]);
            return ExitCodes.InvalidInput;
        }

        if (format == "json")
        {
            Json.Write(context.Out, w => WriteJson(w, market.Name, options, result, checks));
        }
        else
        {
            WriteText(context, market.Name, options, result, checks);
        }

        return checks.Any(c => c.Problem is not null) ? ExitCodes.InvalidInput : ExitCodes.Ok;
    }

    private static double Round(double v) => Math.Abs(v) < 1e-12 ? 0.0 : Math.Round(v, 6);

    private static void WriteJson(Utf8JsonWriter w, string name, TariffDesignOptions options, TariffDesignResult result, List<(string Tariff, TariffMpecResult Mpec, string? Problem)> checks)
    {
        w.WriteStartObject();
        w.WriteString("scenario", name);
        w.WriteNumber("revenue_eur", options.RevenueEur);
        w.WriteString("objective", options.Objective);
        w.WriteNumberOrNull("fairness_limit_eur", options.FairnessLimitEur);

        w.WriteStringOrNull("recommended", result.Recommended);

        w.WriteStartArray("tariffs");
        foreach (var o in result.Outcomes)
        {
            w.WriteStartObject();
            w.WriteString("tariff", o.Tariff);
            w.WriteNumber("level", Round(o.Level));
            w.WriteString("level_unit", o.LevelUnit);
            w.WriteNumber("peak_kw", Round(o.PeakKw));
            w.WriteNumber("revenue_eur", Round(o.RevenueEur));
            w.WriteNumber("system_cost_eur", Round(o.SystemCostEur));
            w.WriteNumber("passive_shift_eur", Round(o.PassiveShiftEur));
            w.WriteNumber("worst_passive_change_eur", Round(o.WorstPassiveChangeEur));
            w.WriteBoolean("within_fairness_limit", options.FairnessLimitEur is not { } f || o.WorstPassiveChangeEur <= f + 1e-9);
            w.WriteNumber("evaluations", o.Evaluations);
            var check = checks.FirstOrDefault(c => c.Tariff == o.Tariff);
            if (check.Mpec is { } m)
            {
                w.WriteStartObject("mpec");
                w.WriteBoolean("solved", m.Solved);
                if (m.Solved)
                {
                    w.WriteNumber("level", Round(m.Level));
                }
                else
                {
                    w.WriteNull("level");
                }

                w.WriteNumber("big_m", m.BigM);
                w.WriteNumber("binaries", m.Binaries);
                w.WriteBoolean("valid", check.Problem is null);
                w.WriteStringOrNull("problem", check.Problem);

                w.WriteEndObject();
            }

            w.WriteStartArray("bills");
            foreach (var b in o.Bills)
            {
                w.WriteStartObject();
                w.WriteString("participant", b.Participant);
                w.WriteBoolean("passive", b.Passive);
                w.WriteNumber("energy_eur", Round(b.EnergyEur));
                w.WriteNumber("tariff_eur", Round(b.TariffEur));
                w.WriteNumber("total_eur", Round(b.TotalEur));
                w.WriteNumber("reference_tariff_eur", Round(b.ReferenceTariffEur));
                w.WriteNumber("shift_eur", Round(b.ShiftEur));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteText(CliContext context, string name, TariffDesignOptions options, TariffDesignResult result, List<(string Tariff, TariffMpecResult Mpec, string? Problem)> checks)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]Tariff design[/]: {Markup.Escape(name)}, revenue {options.RevenueEur.ToString("0.00", Inv)} EUR").LeftJustified());
        var t = new Table().Border(TableBorder.Rounded).AddColumn("Tariff").AddColumn(new TableColumn("Level").RightAligned()).AddColumn(new TableColumn("Peak (kW)").RightAligned()).AddColumn(new TableColumn("Revenue (EUR)").RightAligned())
            .AddColumn(new TableColumn("System cost (EUR)").RightAligned()).AddColumn(new TableColumn("Shifted to passive (EUR)").RightAligned()).AddColumn(new TableColumn("Worst passive (EUR)").RightAligned()).AddColumn("MPEC");
        foreach (var o in result.Outcomes)
        {
            var check = checks.FirstOrDefault(x => x.Tariff == o.Tariff);
            var mpecText = check.Mpec is null ? "-" : check.Problem is null ? $"agrees ({check.Mpec.Level.ToString("0.######", Inv)})" : "[red]invalid[/]";
            t.AddRow(o.Tariff, $"{o.Level.ToString("0.######", Inv)} {o.LevelUnit}", o.PeakKw.ToString("0.000", Inv), o.RevenueEur.ToString("0.00", Inv), o.SystemCostEur.ToString("0.00", Inv), o.PassiveShiftEur.ToString("0.00", Inv), o.WorstPassiveChangeEur.ToString("0.000", Inv), mpecText);
        }

        c.Write(t);
        foreach (var (tariff, _, problem) in checks.Where(x => x.Problem is not null))
        {
            c.MarkupLine($"[red]{Markup.Escape(tariff)}[/]: {Markup.Escape(problem!)}");
        }

        c.MarkupLine(result.Recommended is { } best
            ? $"recommended by {options.Objective}{(options.FairnessLimitEur is { } f ? $" within the fairness limit of {f.ToString("0.00", Inv)} EUR" : "")}: [bold]{Markup.Escape(best)}[/]"
            : "[yellow]no design is within the fairness limit[/]");
        c.MarkupLine("Bills per participant: --format json.");
    }
}
