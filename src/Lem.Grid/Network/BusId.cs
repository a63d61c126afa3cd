using System.Globalization;

namespace Lem.Grid.Network;

/// <summary>
/// The user's identifier of a bus: the MATPOWER bus number ("18") or the pandapower bus index ("3") as a string.
/// Equality is ordinal; ordering is numeric when both ids are integers and ordinal otherwise.
/// </summary>
public readonly record struct BusId : IComparable<BusId>
{
    /// <summary>Creates a bus id from its text.</summary>
    /// <param name="value">The id text; must not be null or empty.</param>
    public BusId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
    }

    /// <summary>The id text as the user wrote it.</summary>
    public string Value { get; }

    /// <summary>Compares two ids: numerically when both are integers, otherwise ordinally by text.</summary>
    public int CompareTo(BusId other)
    {
        var a = Value ?? string.Empty;
        var b = other.Value ?? string.Empty;
        var aIsNumber = long.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var na);
        var bIsNumber = long.TryParse(b, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nb);
        if (aIsNumber && bIsNumber)
        {
            var byNumber = na.CompareTo(nb);
            return byNumber != 0 ? byNumber : string.CompareOrdinal(a, b);
        }

        if (aIsNumber != bIsNumber)
        {
            return aIsNumber ? -1 : 1;
        }

        return string.CompareOrdinal(a, b);
    }

    /// <summary>Returns the id text.</summary>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>True when <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    public static bool operator <(BusId left, BusId right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    public static bool operator >(BusId left, BusId right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> sorts before or equal to <paramref name="right"/>.</summary>
    public static bool operator <=(BusId left, BusId right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> sorts after or equal to <paramref name="right"/>.</summary>
    public static bool operator >=(BusId left, BusId right) => left.CompareTo(right) >= 0;
}
