using Lem.Markets.Flexibility.Domain;

namespace Lem.Markets.Flexibility.Products;

/// <summary>
/// Availability (reservation; NODES LongFlex, UFTP FlexOption, Piclo availability): the right to activate, paid per MW
/// per hour reserved, plus the activation price per MWh when called. Reserved and activated in the same clearing, one
/// MWh costs the availability price (EUR/MW/h = EUR/MWh of reserved energy) plus the activation price.
/// </summary>
public sealed class AvailabilityProduct : IFlexProduct
{
    /// <inheritdoc />
    public string Name => "availability";

    /// <inheritdoc />
    public double ClearingPriceEurPerMwh(FlexOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.AvailabilityEurPerMwPerHour + offer.PriceEurPerMwh;
    }

    /// <inheritdoc />
    public string? Check(FlexOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.AvailabilityEurPerMwPerHour < 0 ? "The availability price must not be negative." : null;
    }
}
