using Lem.Settlement.Allocation;

namespace Lem.Cli.Commands;

/// <summary>Writes the outcome of <c>lem allocate</c> as JSON or as a table.</summary>
internal sealed class AllocateReport(Scenario scenario, string method, string gameName, CostGame game, AllocationResult result, CoreCheckResult? core, AllocateMarket? market, double wallSeconds)
{
    private IReadOnlyList<double> Savings => result.SavingsEur;

    private IReadOnlyList<double>? MarketSavings => market is null ? null : [.. result.StandaloneCostsEur.Zip(market.PaymentsEur, (d, m) => d - m)];

    private IEnumerable<string> Excluded => scenario.Participants.Select(p => p.Id.Value).Except(result.Players);

    public void WriteJson(TextWriter output) => Json.Write(output, new AllocationJson(
        scenario.Name,
        result.Method == "nash-core" ? "nash" : method,
        result.Method == "nash-core",
        gameName,
        result.Players.Count,
        result.TotalEur,
        result.GrandCoalitionCostEur,
        result.StandaloneCostsEur.Sum(),
        [.. result.Players.Select((player, i) => new AllocationEntryJson(player, result.AllocationsEur[i], result.StandaloneCostsEur[i], Savings[i], result.Ci95Eur?[i], market?.PaymentsEur[i]))],
        [.. Excluded],
        Finite(FairnessIndex.Jain(Savings)),
        Finite(FairnessIndex.Gini(Savings)),
        MarketSavings is { } ms ? Finite(FairnessIndex.Jain(ms)) : null,
        MarketSavings is { } mg ? Finite(FairnessIndex.Gini(mg)) : null,
        core?.InCore,
        core is null ? null : new CoreCheckJson(core.MaxViolationEur, core.WorstCoalition, core.ToleranceEur),
        result.NucleolusStages.Count == 0 ? null : [.. result.NucleolusStages.Select(stage => new NucleolusStageJson(stage.ExcessEur, stage.Coalitions))],
        game.Evaluations,
        game is PoolCoalitionGame pool ? pool.ClearingsSolved : null,
        result.Permutations,
        result.Permutations is null ? null : result.TargetMet,
        result.Ci95Method,
        Math.Round(wallSeconds, 6)));

    public void WriteText(IAnsiConsole console)
    {
        var title = result.Method switch
        {
            "shapley" => "Shapley value (exact)",
            "shapley-mc" => $"Shapley value (Monte Carlo, {result.Permutations} permutations)",
            "nash" => "Nash bargaining (equal weights)",
            "nash-core" => "Nash bargaining in the core (equal weights)",
            _ => "Nucleolus",
        };
        console.Write(new Rule($"[bold]{Markup.Escape(title)}[/]: {Markup.Escape(scenario.Name)}, {result.Players.Count} members, {Markup.Escape(gameName)} game").LeftJustified());
        var t = new Table().Border(TableBorder.Rounded).AddColumn("Participant").AddColumn(new TableColumn("Allocation EUR").RightAligned());
        if (result.Ci95Eur is not null)
        {
            t.AddColumn(new TableColumn("± 95 %").RightAligned());
        }

        t.AddColumn(new TableColumn("Standalone EUR").RightAligned()).AddColumn(new TableColumn("Savings EUR").RightAligned()).AddColumn(new TableColumn("Market EUR").RightAligned());
        for (var i = 0; i < result.Players.Count; i++)
        {
            var row = new List<string> { Markup.Escape(result.Players[i]), F(result.AllocationsEur[i]) };
            if (result.Ci95Eur is { } ci)
            {
                row.Add(F(ci[i]));
            }

            row.Add(F(result.StandaloneCostsEur[i]));
            row.Add(F(Savings[i]));
            row.Add(market is null ? "–" : F(market.PaymentsEur[i]));
            t.AddRow([.. row]);
        }

        console.Write(t);
        var s = new Table().Border(TableBorder.Rounded).AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
        s.AddRow("Community cost C(N)", $"{F(result.GrandCoalitionCostEur)} EUR");
        s.AddRow("Sum of allocations", $"{F(result.TotalEur)} EUR");
        s.AddRow("Sum of standalone costs", $"{F(result.StandaloneCostsEur.Sum())} EUR");
        s.AddRow("Jain / Gini of savings", $"{G(FairnessIndex.Jain(Savings))} / {G(FairnessIndex.Gini(Savings))}");
        if (FairnessIndex.NegativeValuesCaveat(Savings, "savings") is { } caveat)
        {
            s.AddRow("  caveat", Markup.Escape(caveat));
        }

        if (MarketSavings is { } ms)
        {
            s.AddRow("Jain / Gini of market savings", $"{G(FairnessIndex.Jain(ms))} / {G(FairnessIndex.Gini(ms))}");
            if (FairnessIndex.NegativeValuesCaveat(ms, "market savings") is { } marketCaveat)
            {
                s.AddRow("  caveat", Markup.Escape(marketCaveat));
            }
        }

        if (core is not null)
        {
            s.AddRow("In the core", core.InCore ? "yes" : $"no: {{{Markup.Escape(string.Join(", ", core.WorstCoalition))}}} pays {F(core.MaxViolationEur)} EUR more than alone");
        }

        foreach (var (stage, k) in result.NucleolusStages.Select((x, k) => (x, k)))
        {
            s.AddRow($"Stage {k + 1}", $"t = {F(stage.ExcessEur)} EUR: {Markup.Escape(string.Join(" ", stage.Coalitions.Select(c => "{" + string.Join(",", c) + "}")))}");
        }

        s.AddRow("Coalitions evaluated", game is PoolCoalitionGame pool ? $"{game.Evaluations} ({pool.ClearingsSolved} pool clearings)" : game.Evaluations.ToString(Inv));
        if (Excluded.Any())
        {
            s.AddRow("Not players (no assets or orders)", Markup.Escape(string.Join(", ", Excluded)));
        }

        if (result.Ci95Method is not null)
        {
            s.AddRow("95 % interval", $"{Markup.Escape(result.Ci95Method)}: t·σ̂/√M + Bernstein range term (docs/allocation.md#confidence-intervals)");
        }

        s.AddRow("Wall time", $"{wallSeconds.ToString("0.000", Inv)} s");
        console.Write(s);
        console.MarkupLine("Savings = standalone cost − allocation. Market EUR = what the member pays in the community's copper-plate pool at the local prices (money only: the curtailment costs, values of lost load and bid utilities that the coalition costs include are left out).");
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string F(double v) => v.ToString("0.0000", Inv);

    private static string G(double v) => double.IsFinite(v) ? v.ToString("0.0000", Inv) : "n/a";
}
