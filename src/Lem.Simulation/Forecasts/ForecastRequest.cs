namespace Lem.Simulation.Forecasts;

/// <summary>
/// One series to forecast: the actual values of the day (which a perfect forecaster returns), the actual values of the
/// day before (null on the first day), a stable key of the series (participant, asset and quantity, e.g.
/// "h17/pv/available_kw") so that seeded noise differs per series, the day and the stage.
/// </summary>
/// <param name="Actual">The day's actual values, one per slot.</param>
/// <param name="PreviousDay">The previous day's actual values (same length), or null on the first day.</param>
/// <param name="SeriesKey">A stable key of the series.</param>
/// <param name="Day">The 0-based day.</param>
/// <param name="Stage">Day-ahead or intraday.</param>
public sealed record ForecastRequest(SlotSeries Actual, SlotSeries? PreviousDay, string SeriesKey, int Day, ForecastStage Stage);
