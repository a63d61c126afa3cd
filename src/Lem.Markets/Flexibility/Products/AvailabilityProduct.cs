namespace Lem.Markets.Flexibility.Products;

/// <summary>
/// Availability (reservation; NODES LongFlex, UFTP FlexOption, Piclo availability): the right to activate, paid per MW
/// per hour reserved, plus the activation price per MWh when called. Reserved and activated in the same clearing, one
/// MWh costs the availability price (EUR/MW/h = EUR/MWh of reserved energy) plus the activation price.
/// </summary>
public sealed class AvailabilityProduct() : FlexProductBase("availability")
{
    /// <inheritdoc />
    protected override double PriceOf(FlexOffer offer) => offer.AvailabilityEurPerMwPerHour + offer.PriceEurPerMwh;

    /// <inheritdoc />
    protected override string? ProblemWith(FlexOffer offer) =>
        offer.AvailabilityEurPerMwPerHour < 0 ? "The availability price must not be negative." : null;
}
