namespace Lem.Markets.Flexibility.Pricing;

/// <summary>
/// Locational uniform pricing: every order at a bus is paid the bus's flexibility price for the change it makes,
/// sign(d)·(π^P·P + π^Q·Q) per unit of activation, expressed per MWh of the offer's quantity.
/// </summary>
public sealed class LocationalUniformPricing() : FlexPricingRuleBase("uniform")
{
    /// <inheritdoc />
    protected override double PriceOf(FlexOffer offer, FlexBusPrice price)
    {
        var quantity = offer.QuantityKw;
        return quantity <= 0
            ? 0
            : offer.Direction.Sign() * ((price.ActiveEurPerMwh * offer.PowerKw) + (price.ReactiveEurPerMvarh * offer.ReactiveKvar)) / quantity;
    }
}
