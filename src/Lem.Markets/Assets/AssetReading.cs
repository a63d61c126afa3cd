using System.Globalization;
using Lem.Domain.Reading;
using Lem.Domain.Time;
using NodaTime;

namespace Lem.Markets.Assets;

/// <summary>What the kinds' readers share.</summary>
internal static class AssetReading
{
    /// <summary>The range of prices and costs in EUR/MWh.</summary>
    public static readonly NumberRange PriceRange = NumberRange.Between(-10_000, 100_000);

    /// <summary>The hours of the slots that lie entirely within [from, to).</summary>
    public static double HoursWithin(Horizon horizon, Instant from, Instant to)
    {
        var first = horizon.FirstSlotAtOrAfter(from);
        var hours = 0.0;
        for (var i = first; i < horizon.Count && horizon.Slots[i].End <= to; i++)
        {
            hours += horizon.Slots[i].Hours;
        }

        return hours;
    }

    /// <summary>A number for messages: up to three decimals, invariant culture.</summary>
    public static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Formats a message in the invariant culture.</summary>
    public static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
