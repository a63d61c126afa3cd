namespace Lem.Simulation.Compare;

/// <summary>
/// The no-market baseline of a participant's day (docs/comparison.md#bills): every kWh it draws is bought at the retail
/// tariff and every kWh it injects is sold at the feed-in tariff, B = Σ_t Δt·(r_t·max(−x_t, 0) − f_t·max(x_t, 0)), with x
/// its delivered net injection (kW, injection positive), r and f in EUR/kWh.
/// </summary>
public static class NoMarketBaseline
{
    /// <summary>The baseline bill of a delivered schedule on a day, EUR (rounded to the cent).</summary>
    public static decimal BillEur(IReadOnlyList<double> deliveredKw, OutsideMarket market, double slotHours)
    {
        ArgumentNullException.ThrowIfNull(deliveredKw);
        ArgumentNullException.ThrowIfNull(market);
        var eur = 0.0;
        for (var t = 0; t < deliveredKw.Count; t++)
        {
            var x = deliveredKw[t];
            eur += slotHours * (x < 0 ? -x * market.RetailEurPerKwh[t] : -x * market.FeedInEurPerKwh[t]);
        }

        return Math.Round((decimal)eur, 2, MidpointRounding.ToEven);
    }
}
