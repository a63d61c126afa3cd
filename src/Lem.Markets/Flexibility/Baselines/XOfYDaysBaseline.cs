namespace Lem.Markets.Flexibility.Baselines;

/// <summary>
/// The "X of Y days" customer baseline from meter history (docs/mechanisms/flexibility.md#baselines): of the FSP's Y
/// most recent comparable days, take X (the X with the highest mean consumption over the horizon, or the X most
/// recent) and average them slot by slot.
/// </summary>
public sealed class XOfYDaysBaseline : IFlexBaseline
{
    /// <inheritdoc />
    public string Name => "x_of_y";

    /// <inheritdoc />
    public string? Check(FlexMarket market, ParticipantId fsp)
    {
        ArgumentNullException.ThrowIfNull(market);
        var days = market.MeterHistory.Count(d => d.Fsp == fsp);
        return days >= market.Baseline.Y ? null : $"FSP '{fsp}' has {days} metered past days (flexibility.meter_history); the {market.Baseline.X}-of-{market.Baseline.Y} baseline needs {market.Baseline.Y}.";
    }

    /// <inheritdoc />
    public IReadOnlyList<double> BaselineKw(FlexMarket market, ParticipantId fsp)
    {
        ArgumentNullException.ThrowIfNull(market);
        var spec = market.Baseline;
        var recent = market.MeterHistory.Where(d => d.Fsp == fsp).OrderBy(d => d.DaysBefore).Take(spec.Y).ToList();
        // Ranked by mean consumption (−mean injection), highest first; ties go to the more recent day (OrderBy is stable).
        var chosen = spec.Selection == FlexDaySelection.Highest
            ? [.. recent.OrderBy(d => d.PowerKw.Average()).Take(spec.X)]
            : recent.Take(spec.X).ToList();
        var baseline = new double[market.SlotCount];
        for (var t = 0; t < baseline.Length; t++)
        {
            baseline[t] = chosen.Average(d => d.PowerKw[t]);
        }

        return baseline;
    }
}
