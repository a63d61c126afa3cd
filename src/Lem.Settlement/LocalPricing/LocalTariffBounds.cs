namespace Lem.Settlement.LocalPricing;

/// <summary>
/// The energy parts of the retail and feed-in tariffs in one slot: the dearest energy price a buyer can pay and the
/// cheapest a seller can receive, given the charges the settlement adds, without being worse off than on the tariffs
/// (docs/settlement.md#the-baseline-and-the-charges-on-top).
/// </summary>
/// <param name="RetailEurPerMwh">p_r: retail / (1 + VAT) − grid energy rate − levies − operator fee, EUR/MWh.</param>
/// <param name="FeedInEurPerMwh">p_f: feed-in + operator fee, EUR/MWh.</param>
public readonly record struct LocalTariffBounds(double RetailEurPerMwh, double FeedInEurPerMwh);
