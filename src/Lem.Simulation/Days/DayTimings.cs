namespace Lem.Simulation.Days;

/// <summary>Wall time of one simulated day's phases, seconds (what <c>lem bench simulate</c> reports).</summary>
public sealed record DayTimings
{
    /// <summary>Forecasting every series (day-ahead and intraday).</summary>
    public double ForecastSeconds { get; init; }

    /// <summary>The agents' day-ahead and intraday bids.</summary>
    public double BidSeconds { get; init; }

    /// <summary>The day-ahead clearing with its redispatch (without a separate AC check).</summary>
    public double ClearingSeconds { get; init; }

    /// <summary>The AC check of the clearing when the day loop runs it (the built-in <c>none</c> redispatch).</summary>
    public double AcCheckSeconds { get; init; }

    /// <summary>The intraday stage.</summary>
    public double IntradaySeconds { get; init; }

    /// <summary>Delivery, imbalance settlement and the day's figures.</summary>
    public double SettlementSeconds { get; init; }

    /// <summary>The sum of the phases.</summary>
    public double TotalSeconds => ForecastSeconds + BidSeconds + ClearingSeconds + AcCheckSeconds + IntradaySeconds + SettlementSeconds;
}
