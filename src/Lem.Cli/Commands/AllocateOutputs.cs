using Lem.Reports;
using Lem.Reports.Figures;
using Lem.Settlement.Allocation;

namespace Lem.Cli.Commands;

/// <summary>
/// The run folder of <c>lem allocate --out DIR</c> (docs/reports.md#figures): <c>allocation.csv</c> (one row per
/// participant: its share under each rule, its payment in the community's market, its standalone cost) and
/// <c>summary.json</c>; the report builder then draws the allocation figure and writes <c>report.html</c>.
/// </summary>
internal static class AllocateOutputs
{
    /// <summary>The requested allocation first, then every comparison rule the evaluated coalition table allows (or Nash bargaining in closed form when no table was evaluated).</summary>
    public static (IReadOnlyList<AllocationResult> Results, IReadOnlyList<string> Skipped) Rules(AllocationResult requested, CoalitionTable? table, CostGame game)
    {
        var results = new List<AllocationResult> { requested };
        var skipped = new List<string>();
        foreach (var rule in AllocateRule.Comparison.Where(r => r.Name != requested.Method))
        {
            if (table is null && rule.Name != "nash")
            {
                skipped.Add($"{rule.Name}: the coalition table is evaluated only up to {AllocateCommand.CoreCheckMaxPlayers} players (or for --method shapley/nucleolus)");
                continue;
            }

            if (game.PlayerCount > rule.MaxPlayers)
            {
                skipped.Add($"{rule.Name}: limited to {rule.MaxPlayers} players");
                continue;
            }

            try
            {
                results.Add(table is null ? NashBargaining.ClosedForm(game) : rule.Compute(table));
            }
            catch (AllocationException ex)
            {
                skipped.Add($"{rule.Name}: {ex.Message}");
            }
        }

        return (results, skipped);
    }

    /// <summary>Writes <c>allocation.csv</c> and <c>summary.json</c> into <paramref name="folder"/> (created when missing) and returns the files written.</summary>
    public static IReadOnlyList<string> Write(string folder, Scenario scenario, string gameName, CostGame game, IReadOnlyList<AllocationResult> results, IReadOnlyList<string> skipped, CoalitionTable? table, AllocateMarket? market)
    {
        Directory.CreateDirectory(folder);
        var first = results[0];
        var csv = new StringBuilder(AllocationFigure.ParticipantColumn);
        foreach (var r in results)
        {
            csv.Append(',').Append(r.Method).Append("_eur");
        }

        csv.Append(market is null ? string.Empty : ",market_eur").Append(",standalone_eur\n");
        for (var i = 0; i < first.Players.Count; i++)
        {
            csv.Append(Quote(first.Players[i]));
            foreach (var r in results)
            {
                csv.Append(',').Append(Num(r.AllocationsEur[i]));
            }

            if (market is not null)
            {
                csv.Append(',').Append(Num(market.PaymentsEur[i]));
            }

            csv.Append(',').Append(Num(first.StandaloneCostsEur[i])).Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, AllocationFigure.File), csv.ToString(), new UTF8Encoding(false));
        using (var writer = new StreamWriter(Path.Combine(folder, "summary.json"), false, new UTF8Encoding(false)))
        {
            Json.Write(writer, w => Summary(w, scenario, gameName, game, results, skipped, table, market));
        }

        return [AllocationFigure.File, "summary.json"];
    }

    private static void Summary(Utf8JsonWriter w, Scenario scenario, string gameName, CostGame game, IReadOnlyList<AllocationResult> results, IReadOnlyList<string> skipped, CoalitionTable? table, AllocateMarket? market)
    {
        var first = results[0];
        w.WriteStartObject();
        w.WriteString("command", "allocate");
        w.WriteString("scenario", scenario.Name);
        w.WriteString("method", first.Method);
        w.WriteString("game", gameName);
        w.WriteNumber("players", first.Players.Count);
        w.WriteNumber("community_cost_eur", first.GrandCoalitionCostEur);
        w.WriteNumber("standalone_cost_eur", first.StandaloneCostsEur.Sum());
        if (market is not null)
        {
            w.WriteNumber("market_payments_eur", market.PaymentsEur.Sum());
            w.WriteNumber("market_cost_eur", market.CostEur);
        }

        w.WriteNumber("coalitions_evaluated", game.Evaluations);
        w.WriteStartArray("rules");
        foreach (var r in results)
        {
            Rule(w, r.Method, r.AllocationsEur, first.StandaloneCostsEur, table);
        }

        if (market is not null)
        {
            Rule(w, "market", market.PaymentsEur, first.StandaloneCostsEur, table: null);
        }

        w.WriteEndArray();
        w.WriteStartArray("participants");
        for (var i = 0; i < first.Players.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("participant", first.Players[i]);
            foreach (var r in results)
            {
                w.WriteNumber(r.Method + "_eur", r.AllocationsEur[i]);
            }

            if (market is not null)
            {
                w.WriteNumber("market_eur", market.PaymentsEur[i]);
            }

            w.WriteNumber("standalone_eur", first.StandaloneCostsEur[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("rules_skipped");
        foreach (var s in skipped)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Rule(Utf8JsonWriter w, string name, IReadOnlyList<double> allocations, IReadOnlyList<double> standalone, CoalitionTable? table)
    {
        var savings = standalone.Zip(allocations, (s, a) => s - a).ToList();
        w.WriteStartObject();
        w.WriteString("rule", name);
        w.WriteNumber("total_eur", allocations.Sum());
        Number(w, "jain_savings", FairnessIndex.Jain(savings));
        Number(w, "gini_savings", FairnessIndex.Gini(savings));
        if (table is not null)
        {
            w.WriteBoolean("in_core", CoreCheck.Check(table, allocations).InCore);
        }
        else
        {
            w.WriteNull("in_core");
        }

        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
