using Lem.Domain.Sampling;

namespace Lem.Markets.Stochastic;

/// <summary>
/// Samples forecast errors (docs/mechanisms/stochastic-pool.md#scenario-generation): every uncertain series (a
/// renewable's availability, an inflexible load's demand) is its forecast times (1 + σ·ε_t), where ε is a stationary
/// AR(1) process with standard normal marginals, ε_0 ~ N(0,1), ε_t = ρ·ε_{t−1} + √(1−ρ²)·ξ_t, independent between
/// series; values are clipped to [0, cap]. Draws are made sample by sample, series by series, slot by slot from one
/// SplitMix64 stream, so one seed gives one set of samples on every machine.
/// </summary>
public static class ScenarioSampler
{
    /// <summary>Samples <paramref name="count"/> realisations, indexed [sample][series][slot].</summary>
    /// <param name="forecasts">The forecast per series and slot (≥ 0).</param>
    /// <param name="caps">The largest value of each series (a renewable's capacity; +∞ for a load).</param>
    /// <param name="relativeError">σ, the standard deviation of the relative error (≥ 0).</param>
    /// <param name="correlation">ρ ∈ (−1, 1), the correlation of one slot's error with the next's.</param>
    /// <param name="count">The number of samples (≥ 1).</param>
    /// <param name="seed">The seed.</param>
    public static double[][][] Sample(IReadOnlyList<IReadOnlyList<double>> forecasts, IReadOnlyList<double> caps, double relativeError, double correlation, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(caps);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(relativeError);
        if (!(Math.Abs(correlation) < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(correlation), correlation, "The correlation must lie in (−1, 1).");
        }

        var random = new SplitMix64(seed);
        var innovation = Math.Sqrt(1 - (correlation * correlation));
        var samples = new double[count][][];
        for (var n = 0; n < count; n++)
        {
            samples[n] = new double[forecasts.Count][];
            for (var i = 0; i < forecasts.Count; i++)
            {
                var f = forecasts[i];
                var row = new double[f.Count];
                var e = 0.0;
                for (var t = 0; t < f.Count; t++)
                {
                    var xi = random.Normal();
                    e = t == 0 ? xi : (correlation * e) + (innovation * xi);
                    row[t] = Math.Clamp(f[t] * (1 + (relativeError * e)), 0, caps[i]);
                }

                samples[n][i] = row;
            }
        }

        return samples;
    }
}
