namespace Lem.Settlement.Allocation;

/// <summary>
/// Fairness indices of a vector of values (usually savings d_i − x_i in EUR, or savings relative to the
/// standalone cost), as defined in docs/allocation.md#fairness-indices.
/// </summary>
/// <remarks>
/// Both indices are scale invariant. Jain's index is meant for non-negative vectors: with negative entries it stays in
/// [0, 1] but loses its lower bound 1/N. The Gini coefficient is normalised by the mean absolute value, so it is
/// defined and in [0, 1] with negative entries too.
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
    /// Gini coefficient G(z) = Σ_i Σ_j |z_i − z_j| / (2 N Σ_i |z_i|), in [0, 1]; lower is fairer. For non-negative z this
    /// is the usual Σ_i Σ_j |z_i − z_j| / (2 N² z̄) ∈ [0, 1 − 1/N]; with negative entries (a participant worse off) the
    /// mean is replaced by the mean absolute value, which keeps the coefficient in [0, 1] (docs/allocation.md#fairness-indices).
    /// </summary>
    /// <param name="values">The vector z; must be non-empty and finite.</param>
    /// <returns>The coefficient, or <see cref="double.NaN"/> when every value is zero (0/0: the coefficient is undefined).</returns>
    /// <remarks>Evaluated in O(N log N) from the sorted values: Σ_i Σ_j |z_i − z_j| = 2 Σ_k (2k − N + 1) z_(k), k = 0..N−1.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds a NaN or infinite value.</exception>
    public static double Gini(IReadOnlyList<double> values)
    {
        Validate(values);
        int n = values.Count;
        double[] sorted = [.. values];
        Array.Sort(sorted);
        double absoluteSum = 0, weighted = 0;
        for (int k = 0; k < n; k++)
        {
            absoluteSum += Math.Abs(sorted[k]);
            weighted += (2.0 * k - n + 1) * sorted[k];
        }

        if (!(absoluteSum > 0))
        {
            return double.NaN;
        }

        // Σ Σ |z_i − z_j| ≤ Σ Σ (|z_i| + |z_j|) = 2 N Σ |z_i|: the clamps remove rounding outside [0, 1].
        double g = 2 * weighted / (2.0 * n * absoluteSum);
        return Math.Clamp(g, 0.0, 1.0);
    }

    /// <summary>
    /// The caveat for the indices of a vector with negative values, or null when none is negative
    /// (docs/allocation.md#fairness-indices): the Gini coefficient is then normalised by the mean absolute value and
    /// Jain's index loses its lower bound 1/N.
    /// </summary>
    /// <param name="values">The vector z.</param>
    /// <param name="what">What the values are, plural (<c>savings</c>).</param>
    /// <returns>For example "12 of 58 savings negative: Gini normalised by the mean absolute value, Jain not bounded below by 1/N".</returns>
    public static string? NegativeValuesCaveat(IReadOnlyList<double> values, string what)
    {
        ArgumentNullException.ThrowIfNull(values);
        var negative = values.Count(v => v < 0);
        return negative == 0
            ? null
            : $"{negative} of {values.Count} {what} negative: Gini normalised by the mean absolute value, Jain not bounded below by 1/N";
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
