namespace Lem.Settlement.Tariffs;

/// <summary>A time-of-use period: a daily window of local time with its energy charge.</summary>
/// <param name="Name">The period's name (peak, shoulder, off_peak, ...).</param>
/// <param name="FromMinute">The first minute of the window after local midnight, 0 to 1439.</param>
/// <param name="ToMinute">The minute the window ends (excluded), 1 to 1440; below <paramref name="FromMinute"/> the window wraps past midnight.</param>
/// <param name="EurPerKwh">The energy charge on withdrawals in the window, EUR/kWh.</param>
public sealed record TariffPeriod(string Name, int FromMinute, int ToMinute, decimal EurPerKwh)
{
    /// <summary>Whether a local minute of the day (0 to 1439) lies in the window.</summary>
    public bool Contains(int minuteOfDay) =>
        FromMinute < ToMinute
            ? minuteOfDay >= FromMinute && minuteOfDay < ToMinute
            : minuteOfDay >= FromMinute || minuteOfDay < ToMinute;

    /// <summary>The window as text, e.g. <c>17:00–21:00</c>.</summary>
    public string Window => $"{FromMinute / 60:00}:{FromMinute % 60:00}–{ToMinute / 60:00}:{ToMinute % 60:00}";
}
