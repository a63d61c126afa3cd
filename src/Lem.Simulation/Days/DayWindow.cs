namespace Lem.Simulation.Days;

/// <summary>One market day inside a longer horizon: its first slot there, its slots, and its own horizon.</summary>
/// <param name="FirstSlot">The index of the day's first slot in the long horizon.</param>
/// <param name="Horizon">The day's own horizon (slots 0 … Count − 1).</param>
public sealed record DayWindow(int FirstSlot, Horizon Horizon)
{
    /// <summary>The day's slots.</summary>
    public int SlotCount => Horizon.Count;

    /// <summary>The day's start.</summary>
    public Instant Start => Horizon.Start;

    /// <summary>The day's end (excluded).</summary>
    public Instant End => Horizon.End;

    /// <summary>The day's part of a long series.</summary>
    public SlotSeries Slice(SlotSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new SlotSeries(series.AsSpan().Slice(FirstSlot, SlotCount).ToArray());
    }
}
