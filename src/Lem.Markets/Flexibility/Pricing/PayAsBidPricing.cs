namespace Lem.Markets.Flexibility.Pricing;

/// <summary>Pay-as-bid (NODES, Piclo Flex, GOPACS): each order is paid its offer's own price (the product's clearing price).</summary>
public sealed class PayAsBidPricing() : FlexPricingRuleBase("pay-as-bid")
{
    /// <inheritdoc />
    protected override double PriceOf(FlexOffer offer, FlexBusPrice price) => offer.Product.ClearingPriceEurPerMwh(offer);
}
