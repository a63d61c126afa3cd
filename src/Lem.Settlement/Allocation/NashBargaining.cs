namespace Lem.Settlement.Allocation;

/// <summary>
/// The Nash bargaining solution with the standalone costs as disagreement point (docs/allocation.md#nash-bargaining):
/// max Σ w_i ln(d_i − x_i) subject to Σ x_i = C(N), x_i ≤ d_i, optionally x in the core.
/// </summary>
/// <remarks>
/// <para>Without core constraints the savings are split in proportion to the weights:
/// d_i − x_i = w_i (Σ_j d_j − C(N)) / Σ_j w_j.</para>
/// <para>With core constraints (x(S) ≤ C(S) for every coalition) the concave program is solved in the savings
/// s = d − x by a log-barrier Newton method on the null space of the equality rows. When the closed form is already
/// in the core it is the answer. A strictly feasible start comes from the least-core LP (the first nucleolus stage):
/// with least-core value t* &gt; 0 its optimum is interior; t* &lt; 0 means the core is empty; t* = 0 means the core
/// is flat, and the coalitions forced to zero excess become equality rows, with the second stage's optimum as the
/// start. Players whose savings these rows determine (for example forced to zero) leave the product — their share
/// is fixed by the core alone.</para>
/// </remarks>
public static class NashBargaining
{
    /// <summary>The default limit on the number of players with core constraints (2^12 − 2 coalition rows).</summary>
    public const int DefaultMaxPlayersWithCore = 12;

    /// <summary>The closed form from the game's standalone and grand-coalition costs (N + 1 evaluations).</summary>
    /// <param name="game">The game.</param>
    /// <param name="weights">Bargaining weights w_i &gt; 0, or null for equal weights.</param>
    /// <exception cref="ArgumentException">When a weight is not positive or the count is wrong.</exception>
    /// <exception cref="AllocationException">When C(N) exceeds Σ d_i (no allocation saves anyone anything).</exception>
    /// <exception cref="CoalitionEvaluationException">When a coalition's cost cannot be evaluated.</exception>
    public static AllocationResult ClosedForm(CostGame game, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(game);
        var before = game.Evaluations;
        var d = game.StandaloneCostsEur();
        var grand = game.GrandCoalitionCostEur();
        return ClosedForm(game.Players, d, grand, weights) with { CoalitionsEvaluated = game.Evaluations - before };
    }

    /// <summary>The closed form from a coalition table.</summary>
    /// <exception cref="ArgumentException">When a weight is not positive or the count is wrong.</exception>
    /// <exception cref="AllocationException">When C(N) exceeds Σ d_i.</exception>
    public static AllocationResult ClosedForm(CoalitionTable table, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return ClosedForm(table.Players, table.StandaloneCostsEur(), table.GrandCoalitionCostEur, weights) with { CoalitionsEvaluated = table.Evaluations };
    }

    /// <summary>The Nash bargaining solution restricted to the core, for small games.</summary>
    /// <exception cref="AllocationException">When the game has more than <paramref name="maxPlayers"/> players, C(N) exceeds Σ d_i, or the core is empty.</exception>
    /// <exception cref="CoalitionEvaluationException">When a coalition's cost cannot be evaluated.</exception>
    public static AllocationResult WithCore(CostGame game, IReadOnlyList<double>? weights = null, int maxPlayers = DefaultMaxPlayersWithCore)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (game.PlayerCount > maxPlayers)
        {
            throw new AllocationException($"Nash bargaining with core constraints over {game.PlayerCount} players needs 2^{game.PlayerCount} coalition constraints, beyond the limit of {maxPlayers}; use the closed form (without core constraints) or shapley-mc.");
        }

        return WithCore(CoalitionTable.Evaluate(game, maxPlayers), weights);
    }

    /// <summary>The Nash bargaining solution restricted to the core, from a coalition table.</summary>
    /// <exception cref="ArgumentException">When a weight is not positive or the count is wrong.</exception>
    /// <exception cref="AllocationException">When C(N) exceeds Σ d_i, the core is empty, or the barrier method fails.</exception>
    public static AllocationResult WithCore(CoalitionTable table, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var closed = ClosedForm(table, weights);
        var result = closed with { Method = "nash-core" };
        if (CoreCheck.Check(table, closed.AllocationsEur).InCore)
        {
            return result;
        }

        var w = Weights(weights, table.PlayerCount);
        return result with { AllocationsEur = SolveWithCore(table, w) };
    }

    private static AllocationResult ClosedForm(IReadOnlyList<string> players, double[] d, double grand, IReadOnlyList<double>? weights)
    {
        var n = players.Count;
        var w = Weights(weights, n);
        var surplus = d.Sum() - grand;
        var tol = 1e-9 * Math.Max(1.0, Math.Abs(grand));
        if (surplus < -tol)
        {
            throw new AllocationException($"The grand coalition costs {grand:0.######} EUR, more than the sum of standalone costs {d.Sum():0.######} EUR; Nash bargaining needs a non-negative surplus to share.");
        }

        surplus = Math.Max(0.0, surplus);
        var sw = w.Sum();
        return new AllocationResult
        {
            Method = "nash",
            Players = players,
            AllocationsEur = [.. d.Select((di, i) => di - (w[i] * surplus / sw))],
            GrandCoalitionCostEur = grand,
            StandaloneCostsEur = d,
        };
    }

    private static double[] Weights(IReadOnlyList<double>? weights, int n)
    {
        if (weights is null)
        {
            return [.. Enumerable.Repeat(1.0, n)];
        }

        if (weights.Count != n)
        {
            throw new ArgumentException($"{weights.Count} weights were given for {n} players.", nameof(weights));
        }

        for (var i = 0; i < n; i++)
        {
            if (!(weights[i] > 0) || !double.IsFinite(weights[i]))
            {
                throw new ArgumentException($"Weight {i} is {weights[i]}; bargaining weights must be positive and finite.", nameof(weights));
            }
        }

        return [.. weights];
    }

    private static double[] SolveWithCore(CoalitionTable table, double[] w)
    {
        var n = table.PlayerCount;
        var d = table.StandaloneCostsEur();
        var stages = new ExcessStages(table);
        var (t1, _) = stages.Next();
        if (t1 < -stages.ToleranceEur)
        {
            throw new AllocationException($"The core is empty (the least-core value is {t1:0.######} EUR: some coalition is overcharged by every efficient allocation); Nash bargaining with core constraints has no feasible allocation.");
        }

        Subspace equalities;
        IReadOnlyList<ulong> free;
        double[] start;
        if (t1 > stages.ToleranceEur)
        {
            equalities = new Subspace(n);
            equalities.TryAdd(Subspace.Indicator(n, (1UL << n) - 1), table.GrandCoalitionCostEur);
            free = [.. Enumerable.Range(1, (1 << n) - 2).Select(m => (ulong)m)];
            start = stages.X!;
        }
        else
        {
            // A flat core: the coalitions forced to zero excess stay at zero; the next stage gives a relative interior point.
            equalities = new Subspace(n);
            foreach (var (row, rhs) in stages.Span.Rows)
            {
                equalities.TryAdd(row, rhs);
            }

            free = [.. stages.Free];
            if (stages.HasFree && stages.Span.Rank < n)
            {
                stages.Next();
            }

            start = stages.X!;
        }

        if (equalities.Rank == n)
        {
            return start;
        }

        var inProduct = Enumerable.Range(0, n).Where(i => !equalities.Contains(Subspace.Indicator(n, 1UL << i))).ToArray();
        var barrier = new CoreBarrier(table, d, w, inProduct, free, equalities);
        var s = barrier.Minimise([.. d.Select((di, i) => di - start[i])]);
        return [.. d.Select((di, i) => di - s[i])];
    }
}
