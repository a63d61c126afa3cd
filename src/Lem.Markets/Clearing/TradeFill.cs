namespace Lem.Markets.Clearing;

/// <summary>One bilateral fill of a clearing over explicit orders: who sold to whom in which slot, how much and at what prices.</summary>
/// <param name="Seller">The selling participant.</param>
/// <param name="Buyer">The buying participant.</param>
/// <param name="Slot">The 0-based slot.</param>
/// <param name="QuantityKwh">The energy traded, kWh.</param>
/// <param name="SellerPriceEurPerMwh">The price the seller receives.</param>
/// <param name="BuyerPriceEurPerMwh">The price the buyer pays.</param>
internal readonly record struct TradeFill(ParticipantId Seller, ParticipantId Buyer, int Slot, double QuantityKwh, double SellerPriceEurPerMwh, double BuyerPriceEurPerMwh);
