using Lem.Domain.Sampling;

namespace Lem.Simulation.Forecasts;

/// <summary>
/// The noisy forecaster (docs/simulation.md#forecasts): the actual value times (1 + σ·z) with z standard normal, drawn
/// independently per slot, and cut at zero, so a forecast is never negative. σ is the error level day-ahead and half of
/// it intraday (the forecast improves closer to delivery). The draws are seeded by the run's seed, the series key, the
/// day and the stage, so the same run gives the same forecasts, and day-ahead and intraday errors are independent.
/// </summary>
/// <param name="settings">The error level (σ, relative) and the seed.</param>
public sealed class NoisyForecaster(ForecastSettings settings) : IForecaster
{
    /// <summary>The share of the day-ahead error level that remains intraday.</summary>
    public const double IntradayShare = 0.5;

    /// <inheritdoc />
    public string Name => "noisy";

    /// <summary>The relative standard deviation of the forecast error at <paramref name="stage"/>.</summary>
    public double ErrorLevel(ForecastStage stage) => stage == ForecastStage.Intraday ? settings.ErrorLevel * IntradayShare : settings.ErrorLevel;

    /// <inheritdoc />
    public SlotSeries Forecast(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sigma = ErrorLevel(request.Stage);
        if (sigma <= 0)
        {
            return request.Actual;
        }

        var random = new SplitMix64(SeedMixer.Mix(settings.Seed, request.SeriesKey, request.Day, (long)request.Stage));
        var actual = request.Actual.AsSpan();
        var values = new double[actual.Length];
        for (var t = 0; t < values.Length; t++)
        {
            var z = random.Normal();
            values[t] = Math.Max(0.0, actual[t] * (1.0 + (sigma * z)));
        }

        return new SlotSeries(values);
    }
}
