namespace Lem.Markets.Clearing;

/// <summary>A bilateral trade of a P2P clearing; a trade with <see cref="ClearingResult.OutsideMarketId"/> is a trade with the outside market.</summary>
/// <param name="BuyerId">The buying participant (or the outside market).</param>
/// <param name="SellerId">The selling participant (or the outside market).</param>
/// <param name="Slot">The slot index.</param>
/// <param name="QuantityKwh">The energy traded, kWh (≥ 0).</param>
/// <param name="PriceEurPerMwh">The pair price, EUR/MWh.</param>
public sealed record ClearingTrade(string BuyerId, string SellerId, int Slot, double QuantityKwh, double PriceEurPerMwh);
