namespace Lem.Domain.Units;

/// <summary>Guards shared by the unit types.</summary>
internal static class UnitGuard
{
    /// <summary>Returns the value when it is finite; throws for NaN and infinities, which no quantity may hold.</summary>
    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"A quantity must be a finite number, not {value}.");
}
