namespace Lem.Settlement.Allocation;

/// <summary>
/// Checks an allocation against the core (docs/allocation.md#the-cost-game): Σ x_i = C(N) and x(S) ≤ C(S) for every coalition S.
/// </summary>
public static class CoreCheck
{
    /// <summary>
    /// Checks every proper coalition of the table. The default tolerance is 1e-6 of max(1, |C(N)|) EUR.
    /// </summary>
    /// <exception cref="ArgumentException">When the allocation does not have one entry per player.</exception>
    public static CoreCheckResult Check(CoalitionTable table, IReadOnlyList<double> allocationsEur, double? toleranceEur = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(allocationsEur);
        var n = table.PlayerCount;
        if (allocationsEur.Count != n)
        {
            throw new ArgumentException($"The allocation has {allocationsEur.Count} entries for {n} players.", nameof(allocationsEur));
        }

        var tol = toleranceEur ?? 1e-6 * Math.Max(1.0, Math.Abs(table.GrandCoalitionCostEur));
        var costs = table.Costs;
        var full = (1 << n) - 1;

        // x(S) by dynamic programming over the lowest set bit.
        var sums = new double[1 << n];
        var worst = double.NegativeInfinity;
        var worstMask = 0;
        for (var m = 1; m <= full; m++)
        {
            var low = System.Numerics.BitOperations.TrailingZeroCount(m);
            sums[m] = sums[m & (m - 1)] + allocationsEur[low];
            if (m != full)
            {
                var v = sums[m] - costs[m];
                if (v > worst)
                {
                    worst = v;
                    worstMask = m;
                }
            }
        }

        var gap = sums[full] - table.GrandCoalitionCostEur;
        if (n == 1)
        {
            worst = 0;
            worstMask = 1;
        }

        var members = Coalition.FromMask(n, (ulong)worstMask).Members.Select(i => table.Players[i]).ToList();
        return new CoreCheckResult(Math.Abs(gap) <= tol && worst <= tol, worst, members, gap, tol);
    }
}
