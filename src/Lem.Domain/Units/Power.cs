using System.Globalization;

namespace Lem.Domain.Units;

/// <summary>Electric active power. Stored in kilowatts; physics quantities are <see cref="double"/>.</summary>
/// <remarks>
/// Where a power is a net position, injection into the grid is positive and withdrawal is negative
/// (see docs/architecture.md, "Sign convention").
/// </remarks>
public readonly record struct Power : IComparable<Power>
{
    private Power(double kw) => Kw = kw;

    /// <summary>Zero power.</summary>
    public static Power Zero => default;

    /// <summary>The power in kilowatts.</summary>
    public double Kw { get; }

    /// <summary>The power in megawatts.</summary>
    public double Mw => Kw / 1000.0;

    /// <summary>The power in watts.</summary>
    public double W => Kw * 1000.0;

    /// <summary>Creates a power from kilowatts.</summary>
    public static Power FromKw(double kw) => new(UnitGuard.Finite(kw, nameof(kw)));

    /// <summary>Creates a power from megawatts.</summary>
    public static Power FromMw(double mw) => new(UnitGuard.Finite(mw, nameof(mw)) * 1000.0);

    /// <summary>Creates a power from watts.</summary>
    public static Power FromW(double w) => new(UnitGuard.Finite(w, nameof(w)) / 1000.0);

    /// <summary>The energy delivered by this constant power over a duration.</summary>
    public static Energy operator *(Power power, TimeSpan duration) => Energy.FromKwh(power.Kw * duration.TotalHours);

    /// <summary>The energy delivered by this constant power over a duration.</summary>
    public static Energy operator *(TimeSpan duration, Power power) => power * duration;

    /// <summary>Sum of two powers.</summary>
    public static Power operator +(Power a, Power b) => new(a.Kw + b.Kw);

    /// <summary>Difference of two powers.</summary>
    public static Power operator -(Power a, Power b) => new(a.Kw - b.Kw);

    /// <summary>Negated power (turns an injection into a withdrawal).</summary>
    public static Power operator -(Power a) => new(-a.Kw);

    /// <summary>Power scaled by a dimensionless factor.</summary>
    public static Power operator *(Power a, double factor) => new(a.Kw * factor);

    /// <summary>Power scaled by a dimensionless factor.</summary>
    public static Power operator *(double factor, Power a) => new(a.Kw * factor);

    /// <summary>Ratio of two powers (dimensionless).</summary>
    public static double operator /(Power a, Power b) => a.Kw / b.Kw;

    /// <summary>Compares two powers.</summary>
    public static bool operator <(Power a, Power b) => a.Kw < b.Kw;

    /// <summary>Compares two powers.</summary>
    public static bool operator >(Power a, Power b) => a.Kw > b.Kw;

    /// <summary>Compares two powers.</summary>
    public static bool operator <=(Power a, Power b) => a.Kw <= b.Kw;

    /// <summary>Compares two powers.</summary>
    public static bool operator >=(Power a, Power b) => a.Kw >= b.Kw;

    /// <inheritdoc />
    public int CompareTo(Power other) => Kw.CompareTo(other.Kw);

    /// <inheritdoc />
    public override string ToString() => Kw.ToString("0.###", CultureInfo.InvariantCulture) + " kW";
}
