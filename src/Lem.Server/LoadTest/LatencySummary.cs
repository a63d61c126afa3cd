namespace Lem.Server.LoadTest;

/// <summary>Latency percentiles in milliseconds (nearest rank over every sample).</summary>
/// <param name="Count">The number of samples.</param>
/// <param name="MeanMs">The mean.</param>
/// <param name="P50Ms">The median.</param>
/// <param name="P90Ms">The 90th percentile.</param>
/// <param name="P99Ms">The 99th percentile.</param>
/// <param name="P999Ms">The 99.9th percentile.</param>
/// <param name="MaxMs">The largest sample.</param>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    /// <summary>Summarises samples given in <see cref="System.Diagnostics.Stopwatch"/> ticks (the array is sorted in place).</summary>
    public static LatencySummary FromTicks(long[] ticks)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        if (ticks.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }

        Array.Sort(ticks);
        var msPerTick = 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        double sum = 0;
        foreach (var t in ticks)
        {
            sum += t;
        }

        double At(double q) => ticks[NearestRank(q, ticks.Length)] * msPerTick;
        return new LatencySummary(ticks.Length, sum / ticks.Length * msPerTick, At(0.50), At(0.90), At(0.99), At(0.999), ticks[^1] * msPerTick);
    }

    /// <summary>The 0-based index of the nearest-rank <paramref name="quantile"/> among <paramref name="count"/> sorted samples: ceil(q·n) − 1.</summary>
    public static int NearestRank(double quantile, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(quantile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1.0);
        var rank = (int)Math.Ceiling(quantile * count);
        return Math.Clamp(rank - 1, 0, count - 1);
    }
}
