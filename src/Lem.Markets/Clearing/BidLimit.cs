namespace Lem.Markets.Clearing;

/// <summary>
/// One participant's bid limits (docs/mechanisms/redispatch.md#bid-limits): per slot the most net injection and the most
/// net withdrawal the DSO lets it clear, kW (both ≥ 0 in the usual case; <see cref="double.PositiveInfinity"/> for no cap).
/// </summary>
/// <param name="MaxInjectionKw">Per slot the cap on net injection p ≤ cap, kW.</param>
/// <param name="MaxWithdrawalKw">Per slot the cap on net withdrawal −p ≤ cap, kW.</param>
public sealed record BidLimit(IReadOnlyList<double> MaxInjectionKw, IReadOnlyList<double> MaxWithdrawalKw)
{
    /// <summary>No cap in any of <paramref name="slots"/> slots.</summary>
    public static BidLimit None(int slots) =>
        new([.. Enumerable.Repeat(double.PositiveInfinity, slots)], [.. Enumerable.Repeat(double.PositiveInfinity, slots)]);

    /// <summary>Whether some slot has a finite cap.</summary>
    public bool Caps => MaxInjectionKw.Any(double.IsFinite) || MaxWithdrawalKw.Any(double.IsFinite);
}
