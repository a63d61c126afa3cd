using NodaTime;

namespace Lem.Domain.Time;

/// <summary>The length of delivery slots a market uses; the minutes must divide an hour.</summary>
public readonly record struct SlotLength
{
    /// <summary>Lengths the platform accepts, in minutes.</summary>
    public static readonly IReadOnlyList<int> AllowedMinutes = [5, 10, 15, 30, 60];

    private SlotLength(int minutes) => Minutes = minutes;

    /// <summary>Quarter-hour slots, as in European intraday and balancing markets.</summary>
    public static SlotLength QuarterHour => new(15);

    /// <summary>Hourly slots.</summary>
    public static SlotLength Hour => new(60);

    /// <summary>The slot length in minutes.</summary>
    public int Minutes { get; }

    /// <summary>The slot length as a duration.</summary>
    public Duration Duration => Duration.FromMinutes(Minutes);

    /// <summary>The slot length in hours.</summary>
    public double Hours => Minutes / 60.0;

    /// <summary>Creates a slot length; throws for lengths not in <see cref="AllowedMinutes"/>.</summary>
    public static SlotLength FromMinutes(int minutes) =>
        TryFromMinutes(minutes, out var length)
            ? length
            : throw new ArgumentOutOfRangeException(nameof(minutes), minutes, $"A slot length must be one of {string.Join(", ", AllowedMinutes)} minutes.");

    /// <summary>Creates a slot length when <paramref name="minutes"/> is allowed.</summary>
    public static bool TryFromMinutes(int minutes, out SlotLength length)
    {
        length = new SlotLength(minutes);
        return AllowedMinutes.Contains(minutes);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Minutes} min";
}
