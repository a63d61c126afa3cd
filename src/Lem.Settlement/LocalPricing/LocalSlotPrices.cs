namespace Lem.Settlement.LocalPricing;

/// <summary>The two local prices of one slot under a <see cref="ILocalPriceRule"/> (docs/settlement.md#local-price-rules).</summary>
/// <param name="BuyEurPerMwh">The price a member with a net withdrawal pays, EUR/MWh.</param>
/// <param name="SellEurPerMwh">The price a member with a net injection receives, EUR/MWh.</param>
public readonly record struct LocalSlotPrices(double BuyEurPerMwh, double SellEurPerMwh);
