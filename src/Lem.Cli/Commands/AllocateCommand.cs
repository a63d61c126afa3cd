using System.Diagnostics;
using Lem.Cli.Progress;
using Lem.Markets.Pool;
using Lem.Reports;
using Lem.Settlement.Allocation;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem allocate &lt;scenario&gt; --method shapley|shapley-mc|nash|nucleolus [--out DIR]</c>: shares the community's cost
/// C(N) among its members by a cooperative-game method and reports each share next to the member's standalone cost
/// and its payment in the community's pool market.
/// </summary>
public static class AllocateCommand
{
    /// <summary>The methods <c>--method</c> accepts.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["shapley", "shapley-mc", "nash", "nucleolus"];

    /// <summary>Above this many players the core check is only run when the method already evaluated every coalition.</summary>
    public const int CoreCheckMaxPlayers = 10;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var method = CommonOptions.Choice("--method", "The allocation: shapley (exact, at most 20 players), shapley-mc (Monte Carlo permutation sampling), nash (Nash bargaining, standalone costs as disagreement point) or nucleolus (at most 12 players).", "shapley", [.. Methods]);
        var samples = new Option<int?>("--samples") { Description = "shapley-mc: permutations to sample (default 2000; with --target-ci, the first batch)." };
        var seed = new Option<ulong>("--seed") { Description = "shapley-mc: the random seed (the result depends only on it, not on the number of threads).", DefaultValueFactory = _ => 1UL };
        var targetCi = new Option<double?>("--target-ci") { Description = "shapley-mc: sample until every player's 95 % half-width is at most this fraction of the mean absolute allocation (0.01 = 1 %)." };
        var core = new Option<bool>("--core") { Description = "nash: impose the core constraints x(S) ≤ C(S) (at most 12 players)." };
        var game = CommonOptions.Choice("--game", "How coalition costs are evaluated: auto (closed form when every member has only loads, PV/wind and curtailable loads and no orders, else pool clearings), pool or closed-form.", "auto", "auto", "pool", "closed-form");
        var format = CommonOptions.Format();
        var output = CommonOptions.OutputFolder("A folder for allocation.csv (each participant's share under every rule computed, its market payment and standalone cost), summary.json, plots/ and report.html (created when missing).");
        var command = new Command("allocate", "Share the community's cost fairly (Shapley, Monte Carlo Shapley, Nash bargaining, nucleolus) and compare with the market's payments.")
        {
            scenario, method, samples, seed, targetCi, core, game, format, output,
        };
        command.SetAction(parse => Run(
            context,
            new AllocateRequest(
                parse.GetValue(scenario)!,
                parse.GetValue(method)!,
                parse.GetValue(samples),
                parse.GetValue(seed),
                parse.GetValue(targetCi),
                parse.GetValue(core),
                parse.GetValue(game)!,
                parse.GetValue(format)!),
            parse.GetValue(output)));
        return command;
    }

    private static int Run(CliContext context, AllocateRequest request, string? outDir)
    {
        if (UsageProblem(request) is { } usage)
        {
            context.Error.WriteLine($"lem: {usage}");
            return ExitCodes.Usage;
        }

        var load = ScenarioReader.Load(request.Path);
        if (!load.IsValid)
        {
            ErrorPrinter.Print(context, request.Format, request.Path, load.Errors, load.Warnings);
            return ExitCodes.InvalidInput;
        }

        var scenario = load.Scenario!;
        if (AllocationPlayers.Select(scenario).Count == 0)
        {
            return Invalid(context, request, "participants", "allocation.no_players", $"Scenario '{scenario.Name}' has no participant with assets or orders; there is no cost to allocate.");
        }

        var closedFormProblem = SeparableCommunityGame.Unsupported(scenario);
        if (request.Game == "closed-form" && closedFormProblem is not null)
        {
            return Invalid(context, request, "--game", "allocation.game_not_applicable", $"The closed-form game does not apply to this scenario: {closedFormProblem}; use --game pool or auto.");
        }

        var usePool = request.Game == "pool" || (request.Game == "auto" && closedFormProblem is not null);
        var watch = Stopwatch.StartNew();
        CostGame game = usePool ? new PoolCoalitionGame(scenario) : new SeparableCommunityGame(scenario);
        if (SizeProblem(request, game.PlayerCount) is { } size)
        {
            context.Error.WriteLine($"lem: {size}");
            return ExitCodes.Usage;
        }

        AllocationResult result;
        CoreCheckResult? coreCheck = null;
        CoalitionTable? table = null;
        using var display = ProgressDisplay.Start(context);
        try
        {
            if (request.Method is "shapley" or "nucleolus" || (request.Method == "nash" && request.Core) || game.PlayerCount <= CoreCheckMaxPlayers)
            {
                table = CoalitionTable.Evaluate(game, request.Method == "shapley" ? ShapleyValue.DefaultMaxPlayers : Nucleolus.DefaultMaxPlayers);
            }

            result = request.Method switch
            {
                "shapley" => ShapleyValue.Exact(table!),
                "nucleolus" => Nucleolus.Compute(table!),
                "nash" when request.Core => NashBargaining.WithCore(table!),
                "nash" => table is null ? NashBargaining.ClosedForm(game) : NashBargaining.ClosedForm(table),
                _ => ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions
                {
                    Permutations = request.Samples ?? 2000,
                    Seed = request.Seed,
                    TargetCi95Relative = request.TargetCi,
                    MaxPermutations = Math.Max(request.Samples ?? 2000, 1_000_000),
                    Progress = display.Sink,
                }),
            };
            if (table is not null)
            {
                coreCheck = CoreCheck.Check(table, result.AllocationsEur);
            }
        }
        catch (CoalitionEvaluationException ex)
        {
            display.Dispose(); // the display is gone before anything is written
            return Invalid(context, request, "participants", "allocation.coalition_failed", ex.Message);
        }
        catch (AllocationException ex)
        {
            display.Dispose();
            return Invalid(context, request, "--method", "allocation.not_applicable", ex.Message);
        }

        display.Dispose();
        var seconds = watch.Elapsed.TotalSeconds;
        var market = Market(scenario, game);
        var report = new AllocateReport(scenario, request.Method, usePool ? "pool" : "closed-form", game, result, coreCheck, market, seconds);
        IReadOnlyList<string>? written = null;
        if (outDir is not null)
        {
            // The run folder: every rule the coalition table allows next to the market (docs/reports.md#figures).
            var (rules, skipped) = AllocateOutputs.Rules(result, table, game);
            written = AllocateOutputs.Write(outDir, scenario, usePool ? "pool" : "closed-form", game, rules, skipped, table, market);
            if (ReportCommand.Write(context, outDir) is { } built)
            {
                written = [.. written, ReportBuilder.ReportFile, $"{ReportBuilder.PlotsFolder}/ ({built.Figures.Count} figures)"];
            }
        }

        if (request.Format == "json")
        {
            report.WriteJson(context.Out);
        }
        else
        {
            report.WriteText(context.Console);
            if (written is not null)
            {
                context.Console.MarkupLine($"Wrote {Markup.Escape(string.Join(", ", written))} to {Markup.Escape(outDir!)}.");
            }
        }

        return ExitCodes.Ok;
    }

    private static string? UsageProblem(AllocateRequest r)
    {
        if (r.Samples is { } s && s <= 0)
        {
            return $"--samples must be a positive number of permutations, not {s}.";
        }

        if (r.Samples is not null && r.Method != "shapley-mc")
        {
            return $"--samples applies to --method shapley-mc only, not {r.Method}.";
        }

        if (r.Samples is { } few && few < 2)
        {
            return "--samples must be at least 2 (the confidence interval needs two permutations).";
        }

        if (r.TargetCi is { } t && !(t > 0 && t < 1))
        {
            return $"--target-ci must be a fraction between 0 and 1 (0.01 = 1 %), not {t}.";
        }

        if (r.TargetCi is not null && r.Method != "shapley-mc")
        {
            return $"--target-ci applies to --method shapley-mc only, not {r.Method}.";
        }

        return r.Core && r.Method != "nash" ? $"--core applies to --method nash only, not {r.Method}." : null;
    }

    private static string? SizeProblem(AllocateRequest r, int players) => r.Method switch
    {
        "shapley" when players > ShapleyValue.DefaultMaxPlayers =>
            $"--method shapley evaluates all 2^N coalitions and is limited to {ShapleyValue.DefaultMaxPlayers} players; this community has {players}. Use --method shapley-mc.",
        "nucleolus" when players > Nucleolus.DefaultMaxPlayers =>
            $"--method nucleolus is limited to {Nucleolus.DefaultMaxPlayers} players; this community has {players}. Use --method shapley-mc or nash.",
        "nash" when r.Core && players > NashBargaining.DefaultMaxPlayersWithCore =>
            $"--method nash --core is limited to {NashBargaining.DefaultMaxPlayersWithCore} players; this community has {players}. Leave out --core.",
        _ => null,
    };

    /// <summary>The community's copper-plate pool clearing and each player's payment in it, or null when it does not clear.</summary>
    private static AllocateMarket? Market(Scenario scenario, CostGame game)
    {
        var copperPlate = game is PoolCoalitionGame pool
            ? pool.CopperPlateScenario
            : scenario with { Grid = null, Participants = AllocationPlayers.Select(scenario) };
        var result = PoolClearing.Clear(copperPlate, new CopperPlateFormulation());
        if (result.Status != PoolStatus.Optimal)
        {
            return null;
        }

        var payments = PoolMarketPayments.PerParticipantEur(result, scenario.Horizon.SlotHours).ToDictionary(p => p.Participant.Value, p => p.PaymentEur);
        return new AllocateMarket([.. game.Players.Select(id => payments[id])], -(double)result.WelfareEur);
    }

    private static int Invalid(CliContext context, AllocateRequest request, string path, string code, string message)
    {
        ErrorPrinter.Print(context, request.Format, request.Path, [new ValidationError(path, code, message)]);
        return ExitCodes.InvalidInput;
    }
}
