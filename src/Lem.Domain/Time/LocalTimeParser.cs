using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Lem.Domain.Time;

/// <summary>
/// Turns time stamps as people write them (local wall-clock time in a named zone, optionally with a UTC offset)
/// into instants, refusing times that do not exist or are ambiguous on daylight-saving days.
/// </summary>
public static class LocalTimeParser
{
    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm"),
    ];

    /// <summary>
    /// Resolves a time stamp in a zone. Accepted forms: <c>2026-06-21T14:15</c>, <c>2026-06-21T14:15:00</c>,
    /// the same with a space instead of T, and any of them with an offset (<c>+02:00</c>, <c>Z</c>); an offset names
    /// the instant exactly and is required to pick one of the two instants of an ambiguous local time. A bare date means its local start of day.
    /// </summary>
    public static LocalTimeResolution Resolve(string text, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        text = (text ?? string.Empty).Trim();
        foreach (var pattern in OffsetPatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success && HasExplicitOffset(text))
            {
                // An explicit offset names one instant exactly (ISO 8601), whatever the zone's own offset.
                var instant = result.Value.ToInstant();
                return new LocalTimeResolution(LocalTimeStatus.Resolved, instant, null);
            }
        }

        LocalDateTime? parsed = null;
        foreach (var pattern in LocalPatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                parsed = result.Value;
                break;
            }
        }

        if (parsed is null)
        {
            var date = LocalDatePattern.Iso.Parse(text);
            if (date.Success)
            {
                return new LocalTimeResolution(LocalTimeStatus.Resolved, zone.AtStartOfDay(date.Value).ToInstant(), null);
            }

            return new LocalTimeResolution(LocalTimeStatus.Unparsable, default, $"'{text}' is not a time stamp of the form 2026-06-21T14:15 (optionally with an offset such as +02:00).");
        }

        var localTime = parsed.Value;
        var map = zone.MapLocal(localTime);
        return map.Count switch
        {
            1 => new LocalTimeResolution(LocalTimeStatus.Resolved, map.Single().ToInstant(), null),
            0 => new LocalTimeResolution(LocalTimeStatus.InGap, default, $"The local time {localTime.ToString("uuuu-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)} does not exist in {zone.Id}: the clocks skip it (daylight-saving gap)."),
            _ => new LocalTimeResolution(LocalTimeStatus.Ambiguous, default, $"The local time {localTime.ToString("uuuu-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)} occurs twice in {zone.Id} (daylight-saving fold); add the offset, {map.First().Offset} or {map.Last().Offset}."),
        };
    }

    private static bool HasExplicitOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        var timePart = t >= 0 ? text[(t + 1)..] : (text.Length > 10 ? text[11..] : string.Empty);
        return timePart.EndsWith('Z') || timePart.Contains('+', StringComparison.Ordinal) || timePart.Contains('-', StringComparison.Ordinal);
    }
}
