namespace Lem.Markets.Auctions;

/// <summary>The settings of the call auctions (each reads its own).</summary>
public sealed record CallAuctionParameters
{
    /// <summary>Defaults: k = 0.5, the k-double-auction rule, 1 kWh lots.</summary>
    public static CallAuctionParameters Default { get; } = new();

    /// <summary>Uniform price: the k of the k-double auction, in [0, 1].</summary>
    public double K { get; init; } = 0.5;

    /// <summary>Uniform price: the rule for the price in the indeterminate interval.</summary>
    public UniformPriceRule PriceRule { get; init; } = UniformPriceRule.KDouble;

    /// <summary>McAfee: the unit size, kWh.</summary>
    public double LotKwh { get; init; } = 1.0;
}
