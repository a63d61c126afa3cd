using System.Collections.Concurrent;

namespace Lem.Simulation.Forecasts;

/// <summary>The registry of forecasters by name: each registers a factory that makes it from <see cref="ForecastSettings"/>.</summary>
public static class Forecasters
{
    private static readonly ConcurrentDictionary<string, Func<ForecastSettings, IForecaster>> ByName = new(StringComparer.Ordinal);
    private static readonly List<string> Order = [];

    static Forecasters()
    {
        Register("perfect", _ => new PerfectForecaster());
        Register("persistence", _ => new PersistenceForecaster());
        Register("noisy", s => new NoisyForecaster(s));
    }

    /// <summary>The registered names in registration order.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Order)
            {
                return [.. Order];
            }
        }
    }

    /// <summary>Registers a forecaster's factory under <paramref name="name"/> (a second registration of a name is ignored).</summary>
    public static void Register(string name, Func<ForecastSettings, IForecaster> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        lock (Order)
        {
            if (ByName.TryAdd(name, factory))
            {
                Order.Add(name);
            }
        }
    }

    /// <summary>Makes the forecaster registered as <paramref name="name"/>, or returns false.</summary>
    public static bool TryCreate(string name, ForecastSettings settings, out IForecaster forecaster)
    {
        forecaster = null!;
        if (!ByName.TryGetValue(name, out var factory))
        {
            return false;
        }

        forecaster = factory(settings);
        return true;
    }
}
