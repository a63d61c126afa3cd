using System.Globalization;

namespace Lem.Domain.Units;

/// <summary>Electric energy. Stored in kilowatt-hours.</summary>
public readonly record struct Energy : IComparable<Energy>
{
    private Energy(double kwh) => Kwh = kwh;

    /// <summary>Zero energy.</summary>
    public static Energy Zero => default;

    /// <summary>The energy in kilowatt-hours.</summary>
    public double Kwh { get; }

    /// <summary>The energy in megawatt-hours.</summary>
    public double Mwh => Kwh / 1000.0;

    /// <summary>Creates an energy from kilowatt-hours.</summary>
    public static Energy FromKwh(double kwh) => new(UnitGuard.Finite(kwh, nameof(kwh)));

    /// <summary>Creates an energy from megawatt-hours.</summary>
    public static Energy FromMwh(double mwh) => new(UnitGuard.Finite(mwh, nameof(mwh)) * 1000.0);

    /// <summary>The constant power that delivers this energy over a duration.</summary>
    public static Power operator /(Energy energy, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The duration must be positive.");
        }

        return Power.FromKw(energy.Kwh / duration.TotalHours);
    }

    /// <summary>The cost of this energy at a price, rounded to <see cref="Money.InternalDecimals"/> decimals.</summary>
    public static Money operator *(Energy energy, Price price) => Money.FromEur((decimal)Math.Round(energy.Mwh * price.EurPerMwh, Money.InternalDecimals, MidpointRounding.ToEven));

    /// <summary>The cost of this energy at a price.</summary>
    public static Money operator *(Price price, Energy energy) => energy * price;

    /// <summary>Sum of two energies.</summary>
    public static Energy operator +(Energy a, Energy b) => new(a.Kwh + b.Kwh);

    /// <summary>Difference of two energies.</summary>
    public static Energy operator -(Energy a, Energy b) => new(a.Kwh - b.Kwh);

    /// <summary>Negated energy.</summary>
    public static Energy operator -(Energy a) => new(-a.Kwh);

    /// <summary>Energy scaled by a dimensionless factor (an efficiency, for example).</summary>
    public static Energy operator *(Energy a, double factor) => new(a.Kwh * factor);

    /// <summary>Energy scaled by a dimensionless factor.</summary>
    public static Energy operator *(double factor, Energy a) => new(a.Kwh * factor);

    /// <summary>Compares two energies.</summary>
    public static bool operator <(Energy a, Energy b) => a.Kwh < b.Kwh;

    /// <summary>Compares two energies.</summary>
    public static bool operator >(Energy a, Energy b) => a.Kwh > b.Kwh;

    /// <summary>Compares two energies.</summary>
    public static bool operator <=(Energy a, Energy b) => a.Kwh <= b.Kwh;

    /// <summary>Compares two energies.</summary>
    public static bool operator >=(Energy a, Energy b) => a.Kwh >= b.Kwh;

    /// <inheritdoc />
    public int CompareTo(Energy other) => Kwh.CompareTo(other.Kwh);

    /// <inheritdoc />
    public override string ToString() => Kwh.ToString("0.###", CultureInfo.InvariantCulture) + " kWh";
}
