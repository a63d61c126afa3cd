using Lem.Markets.Flexibility.Domain;

namespace Lem.Markets.Flexibility.Pricing;

/// <summary>Pay-as-bid (NODES, Piclo Flex, GOPACS): each order is paid its offer's own price (the product's clearing price).</summary>
public sealed class PayAsBidPricing : IFlexPricingRule
{
    /// <inheritdoc />
    public string Name => "pay-as-bid";

    /// <inheritdoc />
    public double PriceEurPerMwh(FlexOffer offer, FlexBusPrice price)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.Product.ClearingPriceEurPerMwh(offer);
    }
}
