using System.Globalization;

namespace Lem.Domain.Units;

/// <summary>An energy price. Stored in euro per megawatt-hour, the unit of wholesale markets and of balance duals.</summary>
public readonly record struct Price : IComparable<Price>
{
    private Price(double eurPerMwh) => EurPerMwh = eurPerMwh;

    /// <summary>Zero price.</summary>
    public static Price Zero => default;

    /// <summary>The price in euro per megawatt-hour.</summary>
    public double EurPerMwh { get; }

    /// <summary>The price in euro per kilowatt-hour (retail tariffs are quoted so).</summary>
    public double EurPerKwh => EurPerMwh / 1000.0;

    /// <summary>The price in euro cent per kilowatt-hour.</summary>
    public double CentPerKwh => EurPerMwh / 10.0;

    /// <summary>Creates a price from euro per megawatt-hour.</summary>
    public static Price FromEurPerMwh(double eurPerMwh) => new(UnitGuard.Finite(eurPerMwh, nameof(eurPerMwh)));

    /// <summary>Creates a price from euro per kilowatt-hour.</summary>
    public static Price FromEurPerKwh(double eurPerKwh) => new(UnitGuard.Finite(eurPerKwh, nameof(eurPerKwh)) * 1000.0);

    /// <summary>Creates a price from euro cent per kilowatt-hour.</summary>
    public static Price FromCentPerKwh(double centPerKwh) => new(UnitGuard.Finite(centPerKwh, nameof(centPerKwh)) * 10.0);

    /// <summary>Sum of two prices.</summary>
    public static Price operator +(Price a, Price b) => new(a.EurPerMwh + b.EurPerMwh);

    /// <summary>Difference of two prices.</summary>
    public static Price operator -(Price a, Price b) => new(a.EurPerMwh - b.EurPerMwh);

    /// <summary>Negated price.</summary>
    public static Price operator -(Price a) => new(-a.EurPerMwh);

    /// <summary>Price scaled by a dimensionless factor.</summary>
    public static Price operator *(Price a, double factor) => new(a.EurPerMwh * factor);

    /// <summary>Compares two prices.</summary>
    public static bool operator <(Price a, Price b) => a.EurPerMwh < b.EurPerMwh;

    /// <summary>Compares two prices.</summary>
    public static bool operator >(Price a, Price b) => a.EurPerMwh > b.EurPerMwh;

    /// <summary>Compares two prices.</summary>
    public static bool operator <=(Price a, Price b) => a.EurPerMwh <= b.EurPerMwh;

    /// <summary>Compares two prices.</summary>
    public static bool operator >=(Price a, Price b) => a.EurPerMwh >= b.EurPerMwh;

    /// <inheritdoc />
    public int CompareTo(Price other) => EurPerMwh.CompareTo(other.EurPerMwh);

    /// <inheritdoc />
    public override string ToString() => EurPerMwh.ToString("0.####", CultureInfo.InvariantCulture) + " EUR/MWh";
}
