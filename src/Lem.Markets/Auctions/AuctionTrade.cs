namespace Lem.Markets.Auctions;

/// <summary>
/// One matched pair of a call auction: <see cref="QuantityKwh"/> from a seller's step to a buyer's step. Pairs are formed
/// in merit order: the highest accepted bids with the lowest accepted asks, ties by time then sequence.
/// </summary>
/// <param name="Slot">The delivery slot.</param>
/// <param name="Buyer">The buying participant.</param>
/// <param name="Seller">The selling participant.</param>
/// <param name="BuyOrder">The buy order.</param>
/// <param name="SellOrder">The sell order.</param>
/// <param name="QuantityKwh">The traded energy in kWh.</param>
/// <param name="BuyerPriceEurPerMwh">The price the buyer pays in EUR/MWh.</param>
/// <param name="SellerPriceEurPerMwh">The price the seller receives in EUR/MWh (equal to the buyer's price unless the mechanism keeps a spread).</param>
/// <param name="BidEurPerMwh">The limit price of the buyer's step (its value) in EUR/MWh.</param>
/// <param name="AskEurPerMwh">The limit price of the seller's step (its cost) in EUR/MWh.</param>
public sealed record AuctionTrade(
    int Slot,
    ParticipantId Buyer,
    ParticipantId Seller,
    OrderId BuyOrder,
    OrderId SellOrder,
    double QuantityKwh,
    double BuyerPriceEurPerMwh,
    double SellerPriceEurPerMwh,
    double BidEurPerMwh,
    double AskEurPerMwh);
