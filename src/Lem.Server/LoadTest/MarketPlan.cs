namespace Lem.Server.LoadTest;

/// <summary>The market the clients trade in: its id, the slots whose gates stay open for the whole run, and its price grid.</summary>
/// <param name="MarketId">The market's id.</param>
/// <param name="Slots">The usable slots.</param>
/// <param name="TickEurPerMwh">The price tick.</param>
/// <param name="MinPriceEurPerMwh">The lowest allowed price.</param>
/// <param name="MaxPriceEurPerMwh">The highest allowed price.</param>
internal sealed record MarketPlan(string MarketId, int[] Slots, decimal TickEurPerMwh, decimal MinPriceEurPerMwh, decimal MaxPriceEurPerMwh)
{
    /// <summary>The mid price the stream quotes around (50 EUR/MWh, or the band's middle when 50 is outside it), on the tick grid.</summary>
    public decimal MidEurPerMwh
    {
        get
        {
            var mid = MinPriceEurPerMwh < 50m && MaxPriceEurPerMwh > 50m ? 50m : (MinPriceEurPerMwh + MaxPriceEurPerMwh) / 2;
            return Math.Round(mid / TickEurPerMwh, MidpointRounding.ToZero) * TickEurPerMwh;
        }
    }

    /// <summary>The price step between quoted levels: the smallest whole number of ticks of at least 0.1 EUR/MWh.</summary>
    public decimal StepEurPerMwh => Math.Ceiling(0.1m / TickEurPerMwh) * TickEurPerMwh;

    /// <summary>Clamps a price into the band.</summary>
    public decimal Clamp(decimal priceEurPerMwh) => Math.Clamp(priceEurPerMwh, MinPriceEurPerMwh, MaxPriceEurPerMwh);
}
