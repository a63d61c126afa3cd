using Lem.Domain.Units;

namespace Lem.Settlement.Billing;

/// <summary>The rounding rules of settlement, in one place.</summary>
internal static class Exact
{
    /// <summary>Decimals kept for energy (kWh) and prices (EUR/MWh) taken from the clearing: 1e-6.</summary>
    public const int InputDecimals = 6;

    /// <summary>The largest magnitude accepted from the clearing, so that decimals never overflow.</summary>
    private const double MaxMagnitude = 1e12;

    /// <summary>A clearing quantity or price as a decimal rounded to 1e-6 (half to even).</summary>
    public static decimal Of(double value, string what)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > MaxMagnitude)
        {
            throw new ArgumentException($"{what} is {value}; settlement needs finite values of magnitude at most {MaxMagnitude}.");
        }

        return Math.Round((decimal)value, InputDecimals, MidpointRounding.ToEven);
    }

    /// <summary>An amount rounded to the cent, half away from zero (the billing rule, <see cref="Money.RoundToCents"/>).</summary>
    public static decimal Cents(decimal eur) => Money.FromEur(eur).RoundToCents().Eur;

    /// <summary>A mean unit price amount/quantity rounded to 1e-6, or null when the quantity is zero.</summary>
    public static decimal? UnitPrice(decimal amount, decimal quantity) =>
        quantity == 0 ? null : Math.Round(amount / quantity, InputDecimals, MidpointRounding.ToEven);
}
