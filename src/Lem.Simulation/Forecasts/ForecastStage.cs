namespace Lem.Simulation.Forecasts;

/// <summary>When a forecast is made: for the day-ahead market (the day before) or intraday (closer to delivery, smaller error).</summary>
public enum ForecastStage
{
    /// <summary>Made the day before delivery, for the day-ahead bids.</summary>
    DayAhead,

    /// <summary>Made during the delivery day, for the intraday corrections.</summary>
    Intraday,
}
