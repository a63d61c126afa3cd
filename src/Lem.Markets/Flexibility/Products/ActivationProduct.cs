using Lem.Markets.Flexibility.Domain;

namespace Lem.Markets.Flexibility.Products;

/// <summary>
/// Activation (utilisation; NODES ShortFlex, UFTP FlexOrder): a change of injection in given slots, paid per MWh at the
/// offer's price.
/// </summary>
public sealed class ActivationProduct : IFlexProduct
{
    /// <inheritdoc />
    public string Name => "activation";

    /// <inheritdoc />
    public double ClearingPriceEurPerMwh(FlexOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.PriceEurPerMwh;
    }

    /// <inheritdoc />
    public string? Check(FlexOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.AvailabilityEurPerMwPerHour != 0 ? "An activation offer has no availability price; use the availability product." : null;
    }
}
