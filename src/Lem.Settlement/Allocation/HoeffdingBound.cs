namespace Lem.Settlement.Allocation;

/// <summary>
/// Hoeffding's bound for Monte Carlo Shapley (docs/allocation.md#shapley-value): with M permutations and marginal costs of range R,
/// P(|φ̂_i − φ_i| ≥ ε) ≤ 2·exp(−2Mε²/R²), so M ≥ R²·ln(2/δ)/(2ε²) for one player and R²·ln(2N/δ)/(2ε²) for all N
/// players at once (union bound).
/// </summary>
public static class HoeffdingBound
{
    /// <summary>The permutations that give one player an error below ε with probability at least 1 − δ.</summary>
    /// <param name="rangeEur">The range R of the player's marginal costs, EUR (≥ 0).</param>
    /// <param name="epsilonEur">The error ε, EUR (&gt; 0).</param>
    /// <param name="delta">The failure probability δ in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">When an argument is outside its range.</exception>
    public static long SamplesPerPlayer(double rangeEur, double epsilonEur, double delta) =>
        Samples(rangeEur, epsilonEur, delta, 1);

    /// <summary>The permutations that give every player an error below ε at once with probability at least 1 − δ (R = max R_i).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When an argument is outside its range.</exception>
    /// <exception cref="ArgumentException">When <paramref name="rangesEur"/> is empty.</exception>
    public static long SamplesForAllPlayers(IReadOnlyList<double> rangesEur, double epsilonEur, double delta)
    {
        ArgumentNullException.ThrowIfNull(rangesEur);
        if (rangesEur.Count == 0)
        {
            throw new ArgumentException("At least one range is needed.", nameof(rangesEur));
        }

        return Samples(rangesEur.Max(), epsilonEur, delta, rangesEur.Count);
    }

    /// <summary>The error ε = R·√(ln(2k/δ)/(2M)) that M permutations guarantee with probability 1 − δ for k players at once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When an argument is outside its range.</exception>
    public static double HalfWidthEur(double rangeEur, long permutations, double delta, int players = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rangeEur);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(players, 1);
        CheckDelta(delta);
        return rangeEur * Math.Sqrt(Math.Log(2.0 * players / delta) / (2.0 * permutations));
    }

    /// <summary>The range max − min of each player's marginal costs C(S ∪ {i}) − C(S) over all S ∌ i.</summary>
    public static double[] MarginalRangesEur(CoalitionTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var n = table.PlayerCount;
        var costs = table.Costs;
        var ranges = new double[n];
        for (var i = 0; i < n; i++)
        {
            var bit = 1UL << i;
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (var mask = 0UL; mask < (ulong)costs.Length; mask++)
            {
                if ((mask & bit) == 0)
                {
                    var m = costs[(int)(mask | bit)] - costs[(int)mask];
                    lo = Math.Min(lo, m);
                    hi = Math.Max(hi, m);
                }
            }

            ranges[i] = hi - lo;
        }

        return ranges;
    }

    private static long Samples(double range, double epsilon, double delta, int players)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(range);
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The error ε must be positive and finite.");
        }

        CheckDelta(delta);
        return (long)Math.Ceiling(range * range * Math.Log(2.0 * players / delta) / (2.0 * epsilon * epsilon));
    }

    private static void CheckDelta(double delta)
    {
        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "The failure probability δ must be in (0, 1).");
        }
    }
}
