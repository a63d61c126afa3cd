namespace Lem.Domain.Ids;

/// <summary>
/// The id of a grid bus: the MATPOWER bus number ("18"), the pandapower bus index ("3") or an inline grid's id.
/// Equality is ordinal; ordering is numeric when both ids are integers (so "2" sorts before "10"), ordinal otherwise.
/// </summary>
public readonly record struct BusId : IComparable<BusId>
{
    /// <summary>Creates an id; throws <see cref="ArgumentException"/> when the value breaks <see cref="IdRules"/>.</summary>
    public BusId(string value) => Value = IdRules.Require(value, nameof(value));

    /// <summary>The id as written by the user.</summary>
    public string Value { get; }

    /// <summary>Creates an id when the value is valid.</summary>
    public static bool TryCreate(string? value, out BusId id)
    {
        id = default;
        if (IdRules.Problem(value) is not null)
        {
            return false;
        }

        id = new BusId(value!);
        return true;
    }

    /// <summary>True when <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    public static bool operator <(BusId left, BusId right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    public static bool operator >(BusId left, BusId right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> sorts before or equal to <paramref name="right"/>.</summary>
    public static bool operator <=(BusId left, BusId right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> sorts after or equal to <paramref name="right"/>.</summary>
    public static bool operator >=(BusId left, BusId right) => left.CompareTo(right) >= 0;

    /// <summary>Compares two ids: numerically when both are integers, otherwise ordinally by text; numbers first.</summary>
    public int CompareTo(BusId other)
    {
        var a = Value ?? string.Empty;
        var b = other.Value ?? string.Empty;
        var aIsNumber = long.TryParse(a, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var na);
        var bIsNumber = long.TryParse(b, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var nb);
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

    /// <inheritdoc />
    public bool Equals(BusId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
