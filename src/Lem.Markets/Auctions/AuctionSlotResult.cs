namespace Lem.Markets.Auctions;

/// <summary>The outcome of a call auction in one delivery slot.</summary>
public sealed record AuctionSlotResult
{
    /// <summary>The slot index.</summary>
    public required int Slot { get; init; }

    /// <summary>The slot's display label (its index or its start time).</summary>
    public required string Label { get; init; }

    /// <summary>
    /// The uniform price buyers pay in EUR/MWh; null when nothing trades, and for pay-as-bid (no single price).
    /// </summary>
    public double? ClearingPriceEurPerMwh { get; init; }

    /// <summary>
    /// The uniform price sellers receive in EUR/MWh: the clearing price, except in McAfee's trade-reduction case where
    /// sellers receive s_(K); null when nothing trades and for pay-as-bid.
    /// </summary>
    public double? SellerPriceEurPerMwh { get; init; }

    /// <summary>The lower end p_low of the market-clearing price interval in EUR/MWh; null when unbounded.</summary>
    public double? PriceLowEurPerMwh { get; init; }

    /// <summary>The upper end p_high of the market-clearing price interval in EUR/MWh; null when unbounded.</summary>
    public double? PriceHighEurPerMwh { get; init; }

    /// <summary>The efficient (welfare-maximising, largest) volume in kWh.</summary>
    public required double EfficientVolumeKwh { get; init; }

    /// <summary>The volume actually traded in kWh (less than the efficient volume after McAfee's trade reduction).</summary>
    public required double TradedVolumeKwh { get; init; }

    /// <summary>The trades of the slot.</summary>
    public required IReadOnlyList<AuctionTrade> Trades { get; init; }

    /// <summary>Σ (bid − ask) × quantity over the trades, in EUR: buyers' value minus sellers' cost of traded energy.</summary>
    public required decimal WelfareEur { get; init; }

    /// <summary>Σ (buyer's price − seller's price) × quantity, in EUR: what the operator keeps (its budget surplus).</summary>
    public required decimal SurplusEur { get; init; }

    /// <summary>How the slot was decided, in sentences (interval, K, McAfee's p0 and case, ties split).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
