using NodaTime;

namespace Lem.Domain.Time;

/// <summary>
/// The sequence of delivery slots a scenario or market covers: consecutive half-open slots of one length,
/// from a start instant to an end instant, reported in a named time zone.
/// </summary>
/// <remarks>
/// Slots are built on instants, so a day in a zone with daylight-saving time has 92 or 100 quarter-hours
/// when the clocks change; local labels come from <see cref="Zone"/>.
/// </remarks>
public sealed class Horizon
{
    /// <summary>The largest number of slots a horizon may have (one leap year of 5-minute slots).</summary>
    public const int MaxSlots = 366 * 24 * 12;

    private readonly DeliverySlot[] _slots;

    private Horizon(DateTimeZone zone, Instant start, Instant end, SlotLength slotLength)
    {
        Zone = zone;
        Start = start;
        End = end;
        SlotLength = slotLength;
        var count = (int)((end - start).TotalMinutes / slotLength.Minutes);
        _slots = new DeliverySlot[count];
        for (var i = 0; i < count; i++)
        {
            var s = start + Duration.FromMinutes((long)i * slotLength.Minutes);
            _slots[i] = new DeliverySlot(i, s, s + slotLength.Duration);
        }
    }

    /// <summary>The time zone used for local labels and market days.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The first instant of the horizon.</summary>
    public Instant Start { get; }

    /// <summary>The end of the horizon (excluded).</summary>
    public Instant End { get; }

    /// <summary>The length of each slot.</summary>
    public SlotLength SlotLength { get; }

    /// <summary>The slots in order.</summary>
    public IReadOnlyList<DeliverySlot> Slots => _slots;

    /// <summary>The number of slots.</summary>
    public int Count => _slots.Length;

    /// <summary>The length of one slot in hours.</summary>
    public double SlotHours => SlotLength.Hours;

    /// <summary>
    /// Creates a horizon between two instants. Throws <see cref="ArgumentException"/> when the span is not positive,
    /// not a whole number of slots, or longer than <see cref="MaxSlots"/>.
    /// </summary>
    public static Horizon Create(DateTimeZone zone, Instant start, Instant end, SlotLength slotLength)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var problem = Check(start, end, slotLength);
        return problem is null ? new Horizon(zone, start, end, slotLength) : throw new ArgumentException(problem);
    }

    /// <summary>Creates the horizon of one market day (local midnight to local midnight) in a zone.</summary>
    public static Horizon ForMarketDay(MarketDay day, SlotLength slotLength) => Create(day.Zone, day.Start, day.End, slotLength);

    /// <summary>Returns why a horizon with these bounds cannot be built, or null when it can.</summary>
    public static string? Check(Instant start, Instant end, SlotLength slotLength)
    {
        if (end <= start)
        {
            return $"The horizon end {end} must be after its start {start}.";
        }

        var minutes = (end - start).TotalMinutes;
        if (minutes % slotLength.Minutes != 0)
        {
            return $"The horizon of {minutes} minutes is not a whole number of {slotLength.Minutes}-minute slots.";
        }

        if (minutes / slotLength.Minutes > MaxSlots)
        {
            return $"The horizon has {minutes / slotLength.Minutes} slots; at most {MaxSlots} are allowed.";
        }

        return null;
    }

    /// <summary>The slot that contains an instant, or null when the instant is outside the horizon.</summary>
    public DeliverySlot? SlotAt(Instant instant)
    {
        if (instant < Start || instant >= End)
        {
            return null;
        }

        var index = (int)((instant - Start).TotalMinutes / SlotLength.Minutes);
        return _slots[index];
    }

    /// <summary>The index of the first slot starting at or after an instant (Count when none).</summary>
    public int FirstSlotAtOrAfter(Instant instant)
    {
        if (instant <= Start)
        {
            return 0;
        }

        if (instant >= End)
        {
            return Count;
        }

        var minutes = (instant - Start).TotalMinutes;
        return (int)Math.Ceiling(minutes / SlotLength.Minutes);
    }
}
