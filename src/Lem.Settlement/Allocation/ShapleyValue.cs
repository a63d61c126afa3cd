namespace Lem.Settlement.Allocation;

/// <summary>
/// The exact Shapley value (docs/allocation.md#shapley-value): φ_i = Σ_{S ⊆ N∖{i}} |S|!(N−|S|−1)!/N! · (C(S ∪ {i}) − C(S)),
/// by enumerating all 2^N coalitions.
/// </summary>
public static class ShapleyValue
{
    /// <summary>The default limit on the number of players for the exact value.</summary>
    public const int DefaultMaxPlayers = CoalitionTable.DefaultMaxPlayers;

    /// <summary>Evaluates all coalitions of the game (in parallel) and returns the exact Shapley value.</summary>
    /// <param name="game">The game.</param>
    /// <param name="maxPlayers">The most players accepted (default 20: 2^20 coalitions).</param>
    /// <exception cref="AllocationException">When the game has more than <paramref name="maxPlayers"/> players; the message suggests shapley-mc.</exception>
    /// <exception cref="CoalitionEvaluationException">When a coalition's cost cannot be evaluated.</exception>
    public static AllocationResult Exact(CostGame game, int maxPlayers = DefaultMaxPlayers)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (game.PlayerCount > maxPlayers)
        {
            throw new AllocationException($"The exact Shapley value of {game.PlayerCount} players needs 2^{game.PlayerCount} coalition costs, beyond the limit of {maxPlayers} players; use Monte Carlo Shapley (shapley-mc) instead.");
        }

        return Exact(CoalitionTable.Evaluate(game, maxPlayers));
    }

    /// <summary>The exact Shapley value from a table of all coalition costs.</summary>
    public static AllocationResult Exact(CoalitionTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var n = table.PlayerCount;
        var costs = table.Costs.ToArray();

        // weight[s] = s!(n−s−1)!/n!, computed as a product to stay finite for every n.
        var weight = new double[n];
        for (var s = 0; s < n; s++)
        {
            var w = 1.0 / n;
            for (var j = 1; j <= s; j++)
            {
                w *= (double)j / (n - j);
            }

            weight[s] = w;
        }

        var phi = new double[n];
        Parallel.For(0, n, i =>
        {
            var bit = 1UL << i;
            var size = costs.LongLength;
            var sum = 0.0;
            for (var mask = 0UL; mask < (ulong)size; mask++)
            {
                if ((mask & bit) == 0)
                {
                    sum += weight[System.Numerics.BitOperations.PopCount(mask)] * (costs[mask | bit] - costs[mask]);
                }
            }

            phi[i] = sum;
        });

        return new AllocationResult
        {
            Method = "shapley",
            Players = table.Players,
            AllocationsEur = phi,
            GrandCoalitionCostEur = table.GrandCoalitionCostEur,
            StandaloneCostsEur = table.StandaloneCostsEur(),
            CoalitionsEvaluated = table.Evaluations,
        };
    }
}
