namespace Lem.Simulation.Forecasts;

/// <summary>
/// The persistence forecaster: tomorrow is like today, so the forecast of day d is the actual series of day d − 1
/// (docs/simulation.md#forecasts). On the first day, and when yesterday had another number of slots (a daylight-saving
/// change), there is no yesterday to repeat and the forecast is perfect. Intraday it repeats yesterday as well.
/// </summary>
public sealed class PersistenceForecaster : IForecaster
{
    /// <inheritdoc />
    public string Name => "persistence";

    /// <inheritdoc />
    public SlotSeries Forecast(ForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.PreviousDay is { } yesterday && yesterday.Count == request.Actual.Count ? yesterday : request.Actual;
    }
}
