namespace Lem.Markets.Flexibility.Pricing;

/// <summary>How an ordered offer is paid (docs/mechanisms/flexibility.md#prices), registered in <see cref="FlexPricingRules"/>.</summary>
public interface IFlexPricingRule
{
    /// <summary>The rule's name as the CLI spells it.</summary>
    string Name { get; }

    /// <summary>The price paid per MWh of the offer's ordered quantity (EUR/MWh), given the locational prices at its bus.</summary>
    double PriceEurPerMwh(FlexOffer offer, FlexBusPrice price);
}
