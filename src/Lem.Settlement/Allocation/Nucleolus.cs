using System.Numerics;

namespace Lem.Settlement.Allocation;

/// <summary>
/// The nucleolus (Schmeidler 1969; docs/allocation.md#nucleolus): the allocation that lexicographically maximises the sorted
/// excesses e(S, x) = C(S) − x(S), found by a sequence of LPs (HiGHS through Lem.Optimization). It lies in the core
/// whenever the core is non-empty.
/// </summary>
public static class Nucleolus
{
    /// <summary>The default limit on the number of players (2^12 − 2 = 4094 coalition rows per LP).</summary>
    public const int DefaultMaxPlayers = 12;

    /// <summary>Evaluates all coalitions of the game and computes the nucleolus.</summary>
    /// <exception cref="AllocationException">When the game has more than <paramref name="maxPlayers"/> players, or an LP fails.</exception>
    /// <exception cref="CoalitionEvaluationException">When a coalition's cost cannot be evaluated.</exception>
    public static AllocationResult Compute(CostGame game, int maxPlayers = DefaultMaxPlayers)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (game.PlayerCount > maxPlayers)
        {
            throw new AllocationException($"The nucleolus of {game.PlayerCount} players needs LPs over 2^{game.PlayerCount} coalitions, beyond the limit of {maxPlayers} players; use shapley-mc (or nash) for large communities.");
        }

        return Compute(CoalitionTable.Evaluate(game, maxPlayers));
    }

    /// <summary>The nucleolus from a table of all coalition costs, with its stages.</summary>
    /// <exception cref="AllocationException">When an LP fails.</exception>
    public static AllocationResult Compute(CoalitionTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var n = table.PlayerCount;
        var stages = new ExcessStages(table);
        var list = new List<NucleolusStage>();
        while (stages.HasFree)
        {
            var (t, fixedMasks) = stages.Next();
            list.Add(new NucleolusStage(t, [.. Order(fixedMasks, n).Select(m => Coalition.FromMask(n, m).Members.Select(i => table.Players[i]).ToList())]));
        }

        return new AllocationResult
        {
            Method = "nucleolus",
            Players = table.Players,
            AllocationsEur = stages.X ?? [table.GrandCoalitionCostEur],
            GrandCoalitionCostEur = table.GrandCoalitionCostEur,
            StandaloneCostsEur = table.StandaloneCostsEur(),
            CoalitionsEvaluated = table.Evaluations,
            NucleolusStages = list,
        };
    }

    /// <summary>Orders masks by size, then lexicographically by member indices.</summary>
    internal static IEnumerable<ulong> Order(IEnumerable<ulong> masks, int n) =>
        masks.OrderBy(BitOperations.PopCount).ThenBy(m => Key(m, n), StringComparer.Ordinal);

    private static string Key(ulong mask, int n) =>
        string.Concat(Enumerable.Range(0, n).Where(i => (mask & (1UL << i)) != 0).Select(i => (char)('A' + i)));
}
