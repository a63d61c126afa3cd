namespace Lem.Simulation.Days;

/// <summary>
/// One participant's day: what it paid (positive) or earned (negative) in the day-ahead market, intraday and for its
/// imbalance, and its delivered (metered) net injection per slot (kW, injection positive).
/// </summary>
/// <param name="Participant">The participant.</param>
/// <param name="DayAheadEur">Day-ahead energy cost (positive: pays).</param>
/// <param name="IntradayEur">Intraday energy cost.</param>
/// <param name="ImbalanceEur">Imbalance settlement against the metered values.</param>
/// <param name="DeliveredKw">The delivered net injection per slot.</param>
public sealed record ParticipantDay(ParticipantId Participant, decimal DayAheadEur, decimal IntradayEur, decimal ImbalanceEur, IReadOnlyList<double> DeliveredKw)
{
    /// <summary>The day's bill: day-ahead, intraday and imbalance together (positive: pays).</summary>
    public decimal BillEur => DayAheadEur + IntradayEur + ImbalanceEur;
}
