namespace Lem.Simulation.Days;

/// <summary>
/// Where the days of a simulation come from: for each day, the market input with the <em>actual</em> (metered) load,
/// generation and thermal demand, and each asset's state as the source gives it (the day loop overrides storage states
/// with the ones carried over from the day before). See docs/simulation.md.
/// </summary>
public interface IDaySource
{
    /// <summary>A short name for reports (the scenario's name or "synthetic").</summary>
    string Name { get; }

    /// <summary>How many days the source can give (a synthetic source can give any number: <see cref="int.MaxValue"/>).</summary>
    int DayCount { get; }

    /// <summary>The actual market input of day <paramref name="day"/> (0-based): one market day of slots.</summary>
    MarketInput ActualDay(int day);
}
