using Lem.Markets.Games;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem equilibrium &lt;scenario&gt; [--strategic ID,…|all] [--method potential|best-response|lcp]</c>: the Nash
/// equilibrium of the scenario's producers and prosumers with storage choosing quantities against the residual demand,
/// with the grid's line limits as shared constraints (variational equilibrium), compared with the competitive pool
/// (docs/games.md).
/// </summary>
public static class EquilibriumCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var strategic = new Option<string>("--strategic") { Description = "The strategic (Cournot) players: a comma-separated list of participant ids with PV, wind or a battery, or all (the others take the price).", DefaultValueFactory = _ => "all" };
        var method = CommonOptions.Choice("--method", "potential (one QP), best-response (Gauss–Seidel) or lcp (Lemke's algorithm).", "potential", [.. EquilibriumMethods.Names]);
        var grid = CommonOptions.Choice("--grid", "The line limits as shared constraints: auto (LinDistFlow on a radial feeder, else DC), dc, lindistflow or none.", "auto", "auto", "dc", "lindistflow", "none");
        var format = CommonOptions.Format();
        var command = new Command("equilibrium", "Nash equilibrium of strategic producers and storage owners (Cournot, with shared grid limits), its certificate and the price of anarchy against the pool.")
        {
            scenario, strategic, method, grid, format,
        };
        command.SetAction(parse => Run(context, parse.GetValue(scenario)!, parse.GetValue(strategic)!, parse.GetValue(method)!, parse.GetValue(grid)!, parse.GetValue(format)!));
        return command;
    }

    private static int Run(CliContext context, string path, string strategicText, string methodName, string gridName, string format)
    {
        var load = ScenarioReader.Load(path);
        if (!load.IsValid)
        {
            ErrorPrinter.Print(context, format, path, load.Errors, load.Warnings);
            return ExitCodes.InvalidInput;
        }

        var market = load.Scenario!;
        var candidates = GameBuilder.Candidates(market);
        var errors = new List<ValidationError>();
        var strategic = StrategicIds(strategicText, market, candidates, errors);
        if (candidates.Count == 0)
        {
            errors.Add(new ValidationError("participants", "equilibrium.no_players", $"Scenario '{market.Name}' has no participant with PV, wind or a battery: there is no player."));
        }

        if (gridName is "dc" or "lindistflow" && market.Grid is null)
        {
            errors.Add(new ValidationError("--grid", "equilibrium.no_grid", $"--grid {gridName} needs a scenario with a grid; this one is copper-plate."));
        }

        if (errors.Count > 0)
        {
            ErrorPrinter.Print(context, format, path, errors);
            return ExitCodes.InvalidInput;
        }

        GameBuild build;
        try
        {
            build = GameBuilder.Build(market, strategic, gridName);
        }
        catch (ArgumentException ex)
        {
            ErrorPrinter.Print(context, format, path, [new ValidationError("--grid", "equilibrium.grid_not_applicable", ex.Message)]);
            return ExitCodes.InvalidInput;
        }

        var method = EquilibriumMethods.ByName(methodName);
        if (method.CannotSolve(build.Game, EquilibriumOptions.Default) is { } why)
        {
            ErrorPrinter.Print(context, format, path, [new ValidationError("--method", "equilibrium.method_not_applicable", $"--method {methodName} cannot solve this game: {why}.")]);
            return ExitCodes.InvalidInput;
        }

        EquilibriumReport report;
        try
        {
            report = EquilibriumReport.Compute(build.Game, method);
        }
        catch (InvalidOperationException ex)
        {
            ErrorPrinter.Print(context, format, path, [new ValidationError("--method", "equilibrium.solve_failed", ex.Message)]);
            return ExitCodes.InvalidInput;
        }

        if (format == "json")
        {
            Json.Write(context.Out, w => WriteJson(w, market.Name, build, report));
        }
        else
        {
            WriteText(context, market.Name, build, report);
        }

        return report.Equilibrium.Converged ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    /// <summary>Parses --strategic; every unknown id and every id without PV, wind or battery is reported at once.</summary>
    private static HashSet<ParticipantId> StrategicIds(string text, MarketInput market, IReadOnlyList<ParticipantId> candidates, List<ValidationError> errors)
    {
        if (text.Trim() == "all")
        {
            return [.. candidates];
        }

        var ids = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length == 0)
        {
            errors.Add(new ValidationError("--strategic", "equilibrium.no_strategic", "--strategic needs participant ids separated by commas, or all."));
            return [];
        }

        var known = market.Participants.Select(p => p.Id.Value).ToHashSet(StringComparer.Ordinal);
        var players = candidates.Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var unknown = ids.Where(id => !known.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        var notPlayers = ids.Where(id => known.Contains(id) && !players.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        var choices = string.Join(", ", candidates.Select(c => c.Value));
        if (unknown.Count > 0)
        {
            errors.Add(new ValidationError("--strategic", "equilibrium.unknown_participant", $"Unknown participant{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the players are: {choices}."));
        }

        if (notPlayers.Count > 0)
        {
            errors.Add(new ValidationError("--strategic", "equilibrium.not_a_player", $"{string.Join(", ", notPlayers.Select(u => $"'{u}'"))} {(notPlayers.Count == 1 ? "has" : "have")} no PV, wind or battery and cannot be strategic; the players are: {choices}."));
        }

        return [.. ids.Where(players.Contains).Select(id => new ParticipantId(id))];
    }

    private static void WriteJson(Utf8JsonWriter w, string name, GameBuild build, EquilibriumReport r)
    {
        var game = r.Game;
        w.WriteStartObject();
        w.WriteString("scenario", name);
        w.WriteString("method", r.Equilibrium.Method);
        w.WriteBoolean("converged", r.Equilibrium.Converged);
        w.WriteNumber("iterations", r.Equilibrium.Iterations);
        w.WriteStringOrNull("message", r.Equilibrium.Message);

        w.WriteStringOrNull("grid_model", build.GridModel);

        w.WriteNumber("slot_hours", game.SlotHours);
        w.WriteStartArray("strategic");
        foreach (var p in game.Players.Where(p => p.Strategic))
        {
            w.WriteStringValue(p.Id);
        }

        w.WriteEndArray();
        Numbers(w, "prices_eur_per_mwh", r.PricesEurPerMwh);
        w.WriteStartArray("positions");
        for (var i = 0; i < game.Players.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("participant", game.Players[i].Id);
            w.WriteBoolean("strategic", game.Players[i].Strategic);
            w.WriteNumber("energy_kwh", Round(r.InjectionKw[i].Sum() * game.SlotHours));
            w.WriteNumber("profit_eur", Round(r.ProfitsEur[i]));
            Numbers(w, "injection_kw", r.InjectionKw[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("consumer_surplus_eur", Round(r.ConsumerSurplusEur));
        w.WriteNumber("welfare_eur", Round(r.WelfareEur));
        w.WriteStartObject("competitive");
        w.WriteNumber("welfare_eur", Round(r.CompetitiveWelfareEur));
        Numbers(w, "prices_eur_per_mwh", r.CompetitivePricesEurPerMwh);
        w.WriteEndObject();
        w.WriteNumberOrNull("price_of_anarchy", Round(r.PriceOfAnarchy));

        w.WriteStartObject("certificate");
        w.WriteNumber("max_gain_eur", Round(r.Certificate.MaxGainEur));
        w.WriteStringOrNull("participant", r.Certificate.MaxGainPlayer);

        w.WriteStartArray("gains");
        for (var i = 0; i < game.Players.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("participant", game.Players[i].Id);
            w.WriteNumber("gain_eur", Round(r.Certificate.GainsEur[i]));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("shared_constraints");
        for (var k = 0; k < game.Rows.Count; k++)
        {
            if (!game.Rows[k].Shared)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("name", game.Rows[k].Name);
            w.WriteNumber("slack_kw", Round(game.Rows[k].Upper - CournotGame.RowValue(game.Rows[k], r.Equilibrium.ValuesKw)));
            w.WriteNumberOrNull("multiplier_eur_per_mwh", Round(r.Equilibrium.RowMultipliers[k]));

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("residual_demand");
        for (var t = 0; t < game.SlotCount; t++)
        {
            w.WriteStartObject();
            w.WriteNumber("slot", t);
            w.WriteNumber("intercept_eur_per_mwh", Round(game.InterceptEurPerMwh[t]));
            w.WriteNumber("slope_eur_per_mwh_per_kw", Round(game.SlopeEurPerMwhPerKw[t]));
            w.WriteNumber("demand_kw", Round(build.DemandKw[t]));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("remarks");
        foreach (var remark in build.Remarks)
        {
            w.WriteStringValue(remark);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(Round(v));
        }

        w.WriteEndArray();
    }

    private static double Round(double v) => Math.Abs(v) < 1e-9 ? 0.0 : Math.Round(v, 9);

    private static void WriteText(CliContext context, string name, GameBuild build, EquilibriumReport r)
    {
        var c = context.Console;
        var game = r.Game;
        c.Write(new Rule($"[bold]Nash equilibrium[/] ({r.Equilibrium.Method}): {Markup.Escape(name)}").LeftJustified());
        c.MarkupLine($"{(r.Equilibrium.Converged ? "[green]converged[/]" : "[red]not converged[/]")} after {r.Equilibrium.Iterations} {(r.Equilibrium.Method == "lcp" ? "pivots" : r.Equilibrium.Method == "best-response" ? "sweeps" : "solve")}; grid: {Markup.Escape(build.GridModel ?? "none")} ({game.Rows.Count(x => x.Shared)} shared rows)");
        if (r.Equilibrium.Message is { } message)
        {
            c.MarkupLine(Markup.Escape(message));
        }

        var t = new Table().Border(TableBorder.Rounded).AddColumn("Participant").AddColumn("Strategic").AddColumn(new TableColumn("Energy (kWh)").RightAligned()).AddColumn(new TableColumn("Profit (EUR)").RightAligned()).AddColumn(new TableColumn("Deviation gain (EUR)").RightAligned());
        for (var i = 0; i < game.Players.Count; i++)
        {
            t.AddRow(Markup.Escape(game.Players[i].Id), game.Players[i].Strategic ? "yes" : "no", (r.InjectionKw[i].Sum() * game.SlotHours).ToString("0.000", Inv), r.ProfitsEur[i].ToString("0.0000", Inv), r.Certificate.GainsEur[i].ToString("0.000000", Inv));
        }

        c.Write(t);
        c.MarkupLine($"price {r.PricesEurPerMwh.Min().ToString("0.00", Inv)} … {r.PricesEurPerMwh.Max().ToString("0.00", Inv)} EUR/MWh (competitive {r.CompetitivePricesEurPerMwh.Min().ToString("0.00", Inv)} … {r.CompetitivePricesEurPerMwh.Max().ToString("0.00", Inv)})");
        c.MarkupLine($"consumer surplus {r.ConsumerSurplusEur.ToString("0.0000", Inv)} EUR, welfare {r.WelfareEur.ToString("0.0000", Inv)} EUR, competitive welfare {r.CompetitiveWelfareEur.ToString("0.0000", Inv)} EUR, price of anarchy {r.PriceOfAnarchy.ToString("0.0000", Inv)}");
        c.MarkupLine($"certificate: largest gain from a unilateral deviation {r.Certificate.MaxGainEur.ToString("0.000000", Inv)} EUR{(r.Certificate.MaxGainPlayer is { } who ? $" ({Markup.Escape(who)})" : "")}");
        foreach (var remark in build.Remarks)
        {
            c.MarkupLine($"[grey]{Markup.Escape(remark)}[/]");
        }
    }
}
