namespace Lem.Settlement.Allocation;

/// <summary>
/// Fairness indices of a vector of values (usually savings d_i − x_i in EUR, or savings relative to the
/// standalone cost), as defined in docs/allocation.md#fairness-indices.
/// </summary>
/// <remarks>
/// Both indices are scale invariant. They are meant for non-negative vectors; with negative entries the
/// formulas are still evaluated literally but the stated ranges no longer hold.
/// </remarks>
public static class FairnessIndex
{
    /// <summary>
    /// Jain's index J(z) = (Σ z_i)² / (N Σ z_i²), in [1/N, 1] for non-negative z; higher is fairer.
    /// </summary>
    /// <param name="values">The vector z; must be non-empty and finite.</param>
    /// <returns>
    /// The index. When every value is zero (Σ z_i² = 0) the vector is perfectly equal and the result is 1.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds a NaN or infinite value.</exception>
    public static double Jain(IReadOnlyList<double> values)
    {
        Validate(values);
        double sum = 0, sumOfSquares = 0;
        foreach (double z in values)
        {
            sum += z;
            sumOfSquares += z * z;
        }

        if (sumOfSquares == 0)
        {
            return 1.0;
        }

        // ≤ 1 by Cauchy–Schwarz; the clamp removes rounding above it.
        return Math.Min(1.0, sum * sum / (values.Count * sumOfSquares));
    }

    /// <summary>
    /// Gini coefficient G(z) = Σ_i Σ_j |z_i − z_j| / (2 N² z̄), in [0, 1) for non-negative z with a positive
    /// mean; lower is fairer.
    /// </summary>
    /// <param name="values">The vector z; must be non-empty and finite.</param>
    /// <returns>
    /// The coefficient, or <see cref="double.NaN"/> when the mean z̄ is zero or negative (the coefficient is then
    /// undefined; this includes the all-zero vector).
    /// </returns>
    /// <remarks>Evaluated in O(N log N) from the sorted values: Σ_i Σ_j |z_i − z_j| = 2 Σ_k (2k − N + 1) z_(k), k = 0..N−1.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds a NaN or infinite value.</exception>
    public static double Gini(IReadOnlyList<double> values)
    {
        Validate(values);
        int n = values.Count;
        double[] sorted = [.. values];
        Array.Sort(sorted);
        double sum = 0, weighted = 0;
        for (int k = 0; k < n; k++)
        {
            sum += sorted[k];
            weighted += (2.0 * k - n + 1) * sorted[k];
        }

        double mean = sum / n;
        if (!(mean > 0))
        {
            return double.NaN;
        }

        double g = 2 * weighted / (2.0 * n * n * mean);
        return Math.Max(0.0, g);
    }

    private static void Validate(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A fairness index needs at least one value; the list is empty.", nameof(values));
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Value {i} is {values[i]}; fairness indices need finite values.", nameof(values));
            }
        }
    }
}
