namespace Lem.Markets.Flexibility.Clearing;

/// <summary>An ordered offer in one slot: the activation factor, the change of injection it makes and its price.</summary>
/// <param name="Offer">The offer.</param>
/// <param name="Slot">The slot (horizon index).</param>
/// <param name="ActivationFactor">The ordered share of the offer, in [min activation factor, 1].</param>
/// <param name="PowerKw">The ordered active power (kW, ≥ 0, in the offer's direction).</param>
/// <param name="ReactiveKvar">The ordered reactive power (kvar, ≥ 0, in the offer's direction).</param>
/// <param name="PriceEurPerMwh">The price paid per MWh of the ordered quantity under the pricing rule.</param>
/// <param name="CostEur">The payment for the slot (EUR).</param>
public sealed record FlexOrder(FlexOffer Offer, int Slot, double ActivationFactor, double PowerKw, double ReactiveKvar, double PriceEurPerMwh, decimal CostEur);
