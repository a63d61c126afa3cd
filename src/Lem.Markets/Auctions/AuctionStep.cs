namespace Lem.Markets.Auctions;

/// <summary>One step of a multi-unit auction order: up to <see cref="QuantityKwh"/> at the limit price <see cref="PriceEurPerMwh"/>.</summary>
/// <param name="PriceEurPerMwh">The limit price: the most a buyer pays, the least a seller accepts (EUR/MWh).</param>
/// <param name="QuantityKwh">The energy of the step in kWh (positive).</param>
public readonly record struct AuctionStep(double PriceEurPerMwh, double QuantityKwh);
