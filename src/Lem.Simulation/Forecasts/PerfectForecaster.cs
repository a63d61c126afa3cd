namespace Lem.Simulation.Forecasts;

/// <summary>The perfect forecaster: the forecast is the actual series (docs/simulation.md#forecasts).</summary>
public sealed class PerfectForecaster : IForecaster
{
    /// <inheritdoc />
    public string Name => "perfect";

    /// <inheritdoc />
    public SlotSeries Forecast(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Actual;
    }
}
