using NodaTime;

namespace Lem.Domain.Time;

/// <summary>
/// A market (delivery) day: from local midnight to the next local midnight in a named time zone.
/// On daylight-saving days it lasts 23 or 25 hours.
/// </summary>
public sealed record MarketDay
{
    /// <summary>Creates the market day of a local date in a zone.</summary>
    public MarketDay(LocalDate date, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Date = date;
        Zone = zone;
        Start = zone.AtStartOfDay(date).ToInstant();
        End = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
    }

    /// <summary>The local calendar date.</summary>
    public LocalDate Date { get; }

    /// <summary>The time zone that defines the day.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The first instant of the day (local start of day; midnight except in zones that skip it).</summary>
    public Instant Start { get; }

    /// <summary>The first instant of the next day (excluded).</summary>
    public Instant End { get; }

    /// <summary>The length of the day: 24 hours, or 23/25 on daylight-saving changes.</summary>
    public Duration Length => End - Start;

    /// <summary>The delivery slots of the day.</summary>
    public IReadOnlyList<DeliverySlot> Slots(SlotLength slotLength) => Horizon.ForMarketDay(this, slotLength).Slots;

    /// <summary>Creates a market day from an ISO date and an IANA zone id such as Europe/Berlin.</summary>
    public static MarketDay Parse(string isoDate, string zoneId)
    {
        var date = NodaTime.Text.LocalDatePattern.Iso.Parse(isoDate).GetValueOrThrow();
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new ArgumentException($"Unknown time zone '{zoneId}'.", nameof(zoneId));
        return new MarketDay(date, zone);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Date:yyyy-MM-dd} ({Zone.Id})";
}
