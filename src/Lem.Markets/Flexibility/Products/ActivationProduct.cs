namespace Lem.Markets.Flexibility.Products;

/// <summary>
/// Activation (utilisation; NODES ShortFlex, UFTP FlexOrder): a change of injection in given slots, paid per MWh at the
/// offer's price.
/// </summary>
public sealed class ActivationProduct() : FlexProductBase("activation")
{
    /// <inheritdoc />
    protected override string? ProblemWith(FlexOffer offer) =>
        offer.AvailabilityEurPerMwPerHour != 0 ? "An activation offer has no availability price; use the availability product." : null;
}
