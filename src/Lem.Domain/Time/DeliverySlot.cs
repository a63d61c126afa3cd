using NodaTime;

namespace Lem.Domain.Time;

/// <summary>
/// A delivery period: the half-open interval [<see cref="Start"/>, <see cref="End"/>) of instants,
/// with its position in the horizon.
/// </summary>
/// <param name="Index">The 0-based position of the slot in its horizon.</param>
/// <param name="Start">The first instant of the slot (included).</param>
/// <param name="End">The instant the slot ends (excluded); the next slot starts here.</param>
public readonly record struct DeliverySlot(int Index, Instant Start, Instant End)
{
    /// <summary>The slot as a NodaTime interval.</summary>
    public Interval Interval => new(Start, End);

    /// <summary>The length of the slot.</summary>
    public Duration Length => End - Start;

    /// <summary>The length of the slot in hours (0.25 for a quarter-hour).</summary>
    public double Hours => Length.TotalHours;

    /// <summary>Whether an instant lies in the slot (start included, end excluded).</summary>
    public bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <summary>The local start time of the slot in a time zone, with its offset, e.g. 2026-03-29T03:00:00+02.</summary>
    public ZonedDateTime StartIn(DateTimeZone zone) => Start.InZone(zone);
}
