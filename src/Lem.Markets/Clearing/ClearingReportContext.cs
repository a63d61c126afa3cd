namespace Lem.Markets.Clearing;

/// <summary>What a report sees: the market, the clearing result and the AC check (null when skipped or without a grid).</summary>
/// <param name="Market">The cleared market.</param>
/// <param name="Result">The clearing result.</param>
/// <param name="AcCheck">The AC check, or null.</param>
public sealed record ClearingReportContext(MarketInput Market, ClearingResult Result, AcCheckResult? AcCheck)
{
    /// <summary>Numbers in outputs: invariant culture.</summary>
    public static CultureInfo Invariant => CultureInfo.InvariantCulture;

    /// <summary>A slot's start as local time with offset (<c>2026-06-21T12:00+02:00</c>).</summary>
    public string SlotTime(int slot) => Market.Horizon.Slots[slot].StartIn(Market.Horizon.Zone).ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm>", Invariant);

    /// <summary>A value in CSV files: up to six decimals, invariant culture.</summary>
    public static string Csv(double value) => value.ToString("0.######", Invariant);
}
