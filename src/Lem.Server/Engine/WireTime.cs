namespace Lem.Server.Engine;

/// <summary>
/// The one wire format of the server's time stamps (JSON answers, command log, store rows): UTC with seven fractional
/// digits and a <c>Z</c>, e.g. <c>2026-03-01T12:00:00.0000000Z</c>. Reading accepts any ISO 8601 instant; one without an
/// offset is taken as UTC.
/// </summary>
internal static class WireTime
{
    private const string Format = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    /// <summary>The wire text of an instant (to the 100 ns tick).</summary>
    public static string Text(Instant time) => time.ToDateTimeUtc().ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Reads a wire time stamp; throws <see cref="FormatException"/> when it is none.</summary>
    public static Instant Parse(string text) => Instant.FromDateTimeOffset(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, Styles));

    /// <summary>Reads a time stamp; false when <paramref name="text"/> is none.</summary>
    public static bool TryParse(string text, out Instant time)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var parsed))
        {
            time = Instant.FromDateTimeOffset(parsed);
            return true;
        }

        time = default;
        return false;
    }
}
