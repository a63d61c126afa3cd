namespace Lem.Markets.Flexibility.Products;

/// <summary>
/// The common part of the flexibility products: the name, the argument checks and, unless a product says otherwise, the
/// offer's own price per MWh as its clearing price (docs/mechanisms/flexibility.md#products-and-rules).
/// </summary>
/// <param name="name">The product's name as scenarios spell it.</param>
public abstract class FlexProductBase(string name) : IFlexProduct
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public double ClearingPriceEurPerMwh(FlexOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return PriceOf(offer);
    }

    /// <inheritdoc />
    public string? Check(FlexOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return ProblemWith(offer);
    }

    /// <summary>The clearing price of an offer that is not null (EUR/MWh); by default the offer's activation price.</summary>
    protected virtual double PriceOf(FlexOffer offer) => offer.PriceEurPerMwh;

    /// <summary>Why an offer that is not null does not fit the product, or null.</summary>
    protected abstract string? ProblemWith(FlexOffer offer);
}
