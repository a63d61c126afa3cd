namespace Lem.Simulation.Days;

/// <summary>
/// A source that repeats another's days: day d is the inner source's day d mod its day count (benchmarks run a year
/// from a week; the dates repeat, the storage states carry on).
/// </summary>
/// <param name="inner">The source to repeat.</param>
public sealed class RepeatingDaySource(IDaySource inner) : IDaySource
{
    /// <inheritdoc />
    public string Name => inner.Name + " (repeated)";

    /// <inheritdoc />
    public int DayCount => int.MaxValue;

    /// <inheritdoc />
    public MarketInput ActualDay(int day) => inner.ActualDay(day % inner.DayCount);
}
