namespace Lem.Markets.Flexibility.Products;

/// <summary>
/// A flexibility product (docs/mechanisms/flexibility.md#products-and-rules): how an ordered offer is priced. Products
/// plug in through <see cref="FlexProducts"/>; the clearing never asks which product an offer is.
/// </summary>
public interface IFlexProduct
{
    /// <summary>The product's name as scenarios spell it: <c>activation</c>, <c>availability</c>, <c>capacity_limitation</c>.</summary>
    string Name { get; }

    /// <summary>What ordering one MWh of the offer's quantity costs the buyer when it is reserved and activated in the same clearing (EUR/MWh).</summary>
    double ClearingPriceEurPerMwh(FlexOffer offer);

    /// <summary>Returns why the offer does not fit this product (a missing price, a field the product does not use), or null.</summary>
    string? Check(FlexOffer offer);
}
