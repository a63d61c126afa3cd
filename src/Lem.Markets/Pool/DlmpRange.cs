namespace Lem.Markets.Pool;

/// <summary>The smallest and largest value of one DLMP component over all buses and slots, EUR/MWh.</summary>
/// <param name="Min">The smallest value, EUR/MWh.</param>
/// <param name="Max">The largest value, EUR/MWh.</param>
public sealed record DlmpRange(
    double Min,
    double Max)
{
    /// <summary>The range of <paramref name="values"/> (0 … 0 when empty).</summary>
    public static DlmpRange Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? new(0, 0) : new(values.Min(), values.Max());
    }
}
