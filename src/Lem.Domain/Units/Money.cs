using System.Globalization;

namespace Lem.Domain.Units;

/// <summary>An amount of money in euro, held as <see cref="decimal"/> so that sums are exact.</summary>
/// <remarks>
/// Computations keep <see cref="InternalDecimals"/> decimals; <see cref="RoundToCents"/> applies the billing rule
/// (half away from zero, as on invoices) and is called explicitly where an amount is billed.
/// </remarks>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>Decimals kept for intermediate amounts (1e-6 EUR).</summary>
    public const int InternalDecimals = 6;

    private Money(decimal eur) => Eur = eur;

    /// <summary>Zero euro.</summary>
    public static Money Zero => default;

    /// <summary>The amount in euro.</summary>
    public decimal Eur { get; }

    /// <summary>The amount in euro cent.</summary>
    public decimal Cent => Eur * 100m;

    /// <summary>Creates an amount from euro.</summary>
    public static Money FromEur(decimal eur) => new(eur);

    /// <summary>Creates an amount from euro cent.</summary>
    public static Money FromCent(decimal cent) => new(cent / 100m);

    /// <summary>The amount rounded to whole cents, half away from zero (the billing rule).</summary>
    public Money RoundToCents() => new(Math.Round(Eur, 2, MidpointRounding.AwayFromZero));

    /// <summary>Sum of two amounts.</summary>
    public static Money operator +(Money a, Money b) => new(a.Eur + b.Eur);

    /// <summary>Difference of two amounts.</summary>
    public static Money operator -(Money a, Money b) => new(a.Eur - b.Eur);

    /// <summary>Negated amount.</summary>
    public static Money operator -(Money a) => new(-a.Eur);

    /// <summary>Amount scaled by an exact factor.</summary>
    public static Money operator *(Money a, decimal factor) => new(a.Eur * factor);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(Money a, Money b) => a.Eur < b.Eur;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(Money a, Money b) => a.Eur > b.Eur;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(Money a, Money b) => a.Eur <= b.Eur;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(Money a, Money b) => a.Eur >= b.Eur;

    /// <inheritdoc />
    public int CompareTo(Money other) => Eur.CompareTo(other.Eur);

    /// <inheritdoc />
    public override string ToString() => Eur.ToString("0.00####", CultureInfo.InvariantCulture) + " EUR";
}
