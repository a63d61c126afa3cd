namespace Lem.Simulation.Forecasts;

/// <summary>
/// Forecasts one series of a day (load, PV or wind availability, thermal demand). Deterministic: the same request and
/// settings give the same forecast. See docs/simulation.md#forecasts.
/// </summary>
public interface IForecaster
{
    /// <summary>The name the option --forecast takes (e.g. "perfect").</summary>
    string Name { get; }

    /// <summary>The forecast of <paramref name="request"/>'s series: one value per slot, never negative where the actual is not.</summary>
    SlotSeries Forecast(ForecastRequest request);
}
