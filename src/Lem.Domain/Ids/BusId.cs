namespace Lem.Domain.Ids;

/// <summary>The id of a grid bus, unique within its scenario or market; compared ordinally.</summary>
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

    /// <inheritdoc />
    public int CompareTo(BusId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public bool Equals(BusId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
