namespace Lem.Simulation.Forecasts;

/// <summary>
/// Derives independent, reproducible seeds from the run's seed and stable keys (series keys, participants, days):
/// FNV-1a over the key's UTF-16 code units mixed with the seed and the numbers through SplitMix64's finaliser. Never
/// <see cref="string.GetHashCode()"/>, which differs between processes.
/// </summary>
public static class SeedMixer
{
    /// <summary>A seed for <paramref name="key"/> and the numbers <paramref name="a"/> and <paramref name="b"/> under the run's <paramref name="seed"/>.</summary>
    public static ulong Mix(ulong seed, string key, long a = 0, long b = 0)
    {
        ArgumentNullException.ThrowIfNull(key);
        var h = 14695981039346656037UL;
        foreach (var c in key)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        var x = Finalise(seed ^ Finalise(h));
        x = Finalise(x ^ (ulong)a);
        return Finalise(x ^ ((ulong)b * 0x9E3779B97F4A7C15UL));
    }

    private static ulong Finalise(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
