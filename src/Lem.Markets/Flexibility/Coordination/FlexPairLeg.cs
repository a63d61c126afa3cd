namespace Lem.Markets.Flexibility.Coordination;

/// <summary>One opposite order outside the congested area in a balance-neutral pairing.</summary>
/// <param name="OfferId">The offer outside the area.</param>
/// <param name="Kw">The paired volume (kW).</param>
/// <param name="PriceEurPerMwh">The offer's price (its ask for an up order, its bid for a down order).</param>
/// <param name="SpreadEur">What the grid operator pays for this leg: (ask of the up order − bid of the down order) × energy (EUR).</param>
public sealed record FlexPairLeg(string OfferId, double Kw, double PriceEurPerMwh, decimal SpreadEur);
