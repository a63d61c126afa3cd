using Lem.Domain.Sampling;

namespace Lem.Simulation.Synthetic;

/// <summary>
/// The seeded day-to-day weather of a synthetic community (docs/synthetic.md#weather): a cloudiness process and a
/// temperature anomaly, both AR(1) from one day to the next (persistence), on top of the seasonal cycle. Day d is
/// computed from day d − 1, so days are generated in order once and cached; every day draws the same number of random
/// numbers, so day d does not depend on which days were asked for before.
/// </summary>
public sealed class SyntheticWeather
{
    /// <summary>Day-to-day persistence of the cloudiness process.</summary>
    public const double CloudPersistence = 0.6;

    /// <summary>Day-to-day persistence of the temperature anomaly.</summary>
    public const double TemperaturePersistence = 0.75;

    /// <summary>Standard deviation of the stationary temperature anomaly, K.</summary>
    public const double TemperatureAnomalySdK = 3.0;

    private readonly SplitMix64 _rng;
    private readonly List<SyntheticWeatherDay> _days = [];
    private readonly SyntheticSpec _spec;
    private readonly Lock _lock = new();
    private double _cloud;
    private double _anomaly;

    /// <summary>Creates the weather of a spec.</summary>
    public SyntheticWeather(SyntheticSpec spec)
    {
        _spec = spec;
        _rng = new SplitMix64(SyntheticDaySource.StreamSeed(spec.Seed, 0, 1));
    }

    /// <summary>The weather of day <paramref name="day"/> (0-based from the spec's start).</summary>
    public SyntheticWeatherDay Day(int day)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(day);
        lock (_lock)
        {
            while (_days.Count <= day)
            {
                _days.Add(Next(_days.Count));
            }

            return _days[day];
        }
    }

    /// <summary>The seasonal phase of a day: cos(2π(doy − 196)/365), +1 in mid-July, −1 in mid-January (northern hemisphere).</summary>
    public double Summerness(int day)
    {
        var doy = _spec.Start.PlusDays(day).DayOfYear;
        var s = Math.Cos(2 * Math.PI * (doy - 196) / 365.0);
        return _spec.LatitudeDeg >= 0 ? s : -s;
    }

    private SyntheticWeatherDay Next(int day)
    {
        var innovationCloud = _rng.Normal();
        var innovationTemp = _rng.Normal();
        _cloud = day == 0 ? innovationCloud : CloudPersistence * _cloud + Math.Sqrt(1 - CloudPersistence * CloudPersistence) * innovationCloud;
        _anomaly = day == 0
            ? TemperatureAnomalySdK * innovationTemp
            : TemperaturePersistence * _anomaly + TemperatureAnomalySdK * Math.Sqrt(1 - TemperaturePersistence * TemperaturePersistence) * innovationTemp;
        var summer = Summerness(day);

        // Central-European climate: clearer skies in summer (mean clear-sky index 0.72) than in winter (0.48).
        var clearness = Math.Clamp(0.60 + 0.12 * summer + 0.22 * _cloud, 0.15, 1.0);
        var temperature = Math.Clamp(9.5 + 9.5 * summer + _anomaly, -15.0, 32.0);
        return new SyntheticWeatherDay(clearness, temperature);
    }
}
