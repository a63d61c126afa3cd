namespace Lem.Markets.Flexibility.Products;

/// <summary>
/// Capacity limitation (NODES MaxUsage, GOPACS capacity-limitation contracts, OpenADR IMPORT/EXPORT_CAPACITY_LIMIT): a
/// cap on a connection's import (direction up: the connection takes at most its prognosis minus the ordered quantity)
/// or export (direction down) in the ordered slots, paid per MWh of the limited quantity. Active power only.
/// </summary>
public sealed class CapacityLimitationProduct() : FlexProductBase("capacity_limitation")
{
    /// <inheritdoc />
    protected override string? ProblemWith(FlexOffer offer) =>
        offer.ReactiveKvar != 0 || offer.AvailabilityEurPerMwPerHour != 0
            ? "A capacity limitation caps active power only: it has no reactive power and no availability price."
            : null;
}
