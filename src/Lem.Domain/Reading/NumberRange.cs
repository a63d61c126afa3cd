using System.Globalization;

namespace Lem.Domain.Reading;

/// <summary>An allowed range for a number, with open or closed ends.</summary>
/// <param name="Min">The lower end, or null for none.</param>
/// <param name="Max">The upper end, or null for none.</param>
/// <param name="MinExclusive">Whether the lower end itself is excluded.</param>
/// <param name="MaxExclusive">Whether the upper end itself is excluded.</param>
public readonly record struct NumberRange(double? Min, double? Max, bool MinExclusive = false, bool MaxExclusive = false)
{
    /// <summary>Any finite number.</summary>
    public static NumberRange Any => new(null, null);

    /// <summary>Zero or more.</summary>
    public static NumberRange NonNegative => new(0, null);

    /// <summary>More than zero.</summary>
    public static NumberRange Positive => new(0, null, MinExclusive: true);

    /// <summary>An efficiency or fraction in (0, 1].</summary>
    public static NumberRange Efficiency => new(0, 1, MinExclusive: true);

    /// <summary>A fraction in [0, 1].</summary>
    public static NumberRange Fraction => new(0, 1);

    /// <summary>Zero or more, up to <paramref name="max"/>.</summary>
    public static NumberRange UpTo(double max) => new(0, max);

    /// <summary>Between <paramref name="min"/> and <paramref name="max"/>, both included.</summary>
    public static NumberRange Between(double min, double max) => new(min, max);

    /// <summary>A sentence fragment saying what is allowed, when <paramref name="value"/> is not; otherwise null.</summary>
    public string? Problem(double value)
    {
        var lowOk = Min is null || (MinExclusive ? value > Min : value >= Min);
        var highOk = Max is null || (MaxExclusive ? value < Max : value <= Max);
        if (lowOk && highOk)
        {
            return null;
        }

        static string F(double v) => v.ToString("G", CultureInfo.InvariantCulture);
        return (Min, Max) switch
        {
            (not null, not null) => $"in {(MinExclusive ? "(" : "[")}{F(Min.Value)}, {F(Max.Value)}{(MaxExclusive ? ")" : "]")}",
            (not null, null) => MinExclusive ? $"greater than {F(Min.Value)}" : $"at least {F(Min.Value)}",
            (null, not null) => MaxExclusive ? $"less than {F(Max.Value)}" : $"at most {F(Max.Value)}",
            _ => "finite",
        };
    }
}
