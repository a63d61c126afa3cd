using NodaTime;
using NodaTime.Text;

namespace Lem.Scenarios.Reading;

/// <summary>
/// Reads <c>horizon</c>: <c>time_zone</c>, <c>slot_minutes</c> and either <c>market_day</c> (with optional
/// <c>days</c>) or <c>start</c> and <c>end</c> time stamps.
/// </summary>
internal static class HorizonReader
{
    public static Horizon? Read(ObjectReader r)
    {
        var zoneId = r.String("time_zone", required: true);
        var minutes = r.Integer("slot_minutes", required: true, 1, 1440);
        var day = r.String("market_day", required: false);
        var days = r.Integer("days", required: false, 1, 366);
        var startText = r.String("start", required: false);
        var endText = r.String("end", required: false);
        r.ReportUnknown();

        DateTimeZone? zone = null;
        if (zoneId is not null)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
            if (zone is null)
            {
                r.Diagnostics.Error(r.PathOf("time_zone"), ValidationCodes.TimeInvalid, $"'{zoneId}' is not a known IANA time zone (for example Europe/Berlin or UTC).");
            }
        }

        SlotLength? length = null;
        if (minutes is not null)
        {
            if (SlotLength.TryFromMinutes(minutes.Value, out var l))
            {
                length = l;
            }
            else
            {
                r.Diagnostics.Error(r.PathOf("slot_minutes"), ValidationCodes.ValueOutOfRange, $"slot_minutes = {minutes} is not allowed; use one of {string.Join(", ", SlotLength.AllowedMinutes)}.");
            }
        }

        if (day is not null && (startText is not null || endText is not null))
        {
            r.Diagnostics.Error(r.PathOf("market_day"), ValidationCodes.ValueInvalid, "Give either market_day (with optional days) or start and end, not both.");
            return null;
        }

        if (day is null && (startText is null || endText is null))
        {
            r.Diagnostics.Error(startText is null ? r.PathOf("start") : r.PathOf("end"), ValidationCodes.FieldMissing, "The horizon needs market_day, or both start and end.");
            return null;
        }

        if (day is null && days is not null)
        {
            r.Diagnostics.Error(r.PathOf("days"), ValidationCodes.ValueInvalid, "days goes with market_day, not with start and end.");
        }

        if (zone is null || length is null)
        {
            return null;
        }

        Instant start, end;
        if (day is not null)
        {
            var parsed = LocalDatePattern.Iso.Parse(day);
            if (!parsed.Success)
            {
                r.Diagnostics.Error(r.PathOf("market_day"), ValidationCodes.TimeInvalid, $"'{day}' is not a date of the form 2026-06-21.");
                return null;
            }

            start = new MarketDay(parsed.Value, zone).Start;
            end = new MarketDay(parsed.Value.PlusDays((days ?? 1) - 1), zone).End;
        }
        else
        {
            var s = ReadContext.ResolveTime(r, "start", startText!, zone);
            var e = ReadContext.ResolveTime(r, "end", endText!, zone);
            if (s is null || e is null)
            {
                return null;
            }

            (start, end) = (s.Value, e.Value);
        }

        var problem = Horizon.Check(start, end, length.Value);
        if (problem is not null)
        {
            var code = problem.Contains("at most", StringComparison.Ordinal) ? ValidationCodes.SizeLimit : ValidationCodes.ValueInvalid;
            r.Diagnostics.Error(r.Path, code, problem);
            return null;
        }

        return Horizon.Create(zone, start, end, length.Value);
    }
}
