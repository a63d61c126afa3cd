namespace Lem.Server.Uftp;

/// <summary>A FlexOrder Lem sent.</summary>
/// <param name="MessageId">Its MessageID.</param>
/// <param name="Offer">The offer it orders.</param>
/// <param name="Option">The chosen option.</param>
/// <param name="ActivationFactor">The activation factor.</param>
/// <param name="OrderReference">Lem's order reference.</param>
/// <param name="PriceEur">The price: the option's price times the activation factor.</param>
/// <param name="Baseline">The latest accepted D-Prognosis of the aggregator for the offer's congestion point and period when the order was sent, if any.</param>
internal sealed record UftpFlexOrder(string MessageId, UftpFlexOffer Offer, UftpOfferOption Option, decimal ActivationFactor, string OrderReference, decimal PriceEur, UftpPrognosis? Baseline)
{
    /// <summary>The aggregator's answer: null until its FlexOrderResponse arrives, then Accepted or Rejected.</summary>
    public string? Result { get; set; }

    /// <summary>The ordered power of an ISP in watts: the option's power times the activation factor, rounded to the watt.</summary>
    public long OrderedPowerW(UftpIsp isp) => (long)decimal.Round(isp.PowerW * ActivationFactor, MidpointRounding.AwayFromZero);
}
