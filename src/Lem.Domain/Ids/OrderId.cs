namespace Lem.Domain.Ids;

/// <summary>The id of a order (bid or offer), unique within its scenario or market; compared ordinally.</summary>
public readonly record struct OrderId : IComparable<OrderId>
{
    /// <summary>Creates an id; throws <see cref="ArgumentException"/> when the value breaks <see cref="IdRules"/>.</summary>
    public OrderId(string value) => Value = IdRules.Require(value, nameof(value));

    /// <summary>The id as written by the user.</summary>
    public string Value { get; }

    /// <summary>Creates an id when the value is valid.</summary>
    public static bool TryCreate(string? value, out OrderId id)
    {
        id = default;
        if (IdRules.Problem(value) is not null)
        {
            return false;
        }

        id = new OrderId(value!);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(OrderId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public bool Equals(OrderId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
