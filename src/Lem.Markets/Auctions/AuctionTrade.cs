namespace Lem.Markets.Auctions;

/// <summary>
/// One matched pair of a call auction: <see cref="QuantityKwh"/> from a seller's step to a buyer's step. Pairs are formed
/// in merit order: the highest accepted bids with the lowest accepted asks, ties by time then sequence.
/// </summary>
public sealed record AuctionTrade
{
    /// <summary>The delivery slot.</summary>
    public required int Slot { get; init; }

    /// <summary>The buying participant.</summary>
    public required ParticipantId Buyer { get; init; }

    /// <summary>The selling participant.</summary>
    public required ParticipantId Seller { get; init; }

    /// <summary>The buy order.</summary>
    public required OrderId BuyOrder { get; init; }

    /// <summary>The sell order.</summary>
    public required OrderId SellOrder { get; init; }

    /// <summary>The traded energy in kWh.</summary>
    public required double QuantityKwh { get; init; }

    /// <summary>The price the buyer pays in EUR/MWh.</summary>
    public required double BuyerPriceEurPerMwh { get; init; }

    /// <summary>The price the seller receives in EUR/MWh (equal to the buyer's price unless the mechanism keeps a spread).</summary>
    public required double SellerPriceEurPerMwh { get; init; }

    /// <summary>The limit price of the buyer's step (its value) in EUR/MWh.</summary>
    public required double BidEurPerMwh { get; init; }

    /// <summary>The limit price of the seller's step (its cost) in EUR/MWh.</summary>
    public required double AskEurPerMwh { get; init; }
}
