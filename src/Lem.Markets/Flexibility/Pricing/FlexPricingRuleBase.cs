namespace Lem.Markets.Flexibility.Pricing;

/// <summary>The common part of the pricing rules: the name and the argument checks (docs/mechanisms/flexibility.md#prices).</summary>
/// <param name="name">The rule's name as the CLI spells it.</param>
public abstract class FlexPricingRuleBase(string name) : IFlexPricingRule
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public double PriceEurPerMwh(FlexOffer offer, FlexBusPrice price)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(price);
        return PriceOf(offer, price);
    }

    /// <summary>The price of an offer, both arguments not null (EUR/MWh of its ordered quantity).</summary>
    protected abstract double PriceOf(FlexOffer offer, FlexBusPrice price);
}
