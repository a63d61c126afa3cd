namespace Lem.Markets.Pool;

/// <summary>The outcome of <see cref="MeritOrderClearing.ClearSlot"/>: accepted quantities, the clearing-price interval and the chosen price.</summary>
public sealed record MeritOrderResult
{
    /// <summary>The rule used to pick the price inside the interval.</summary>
    public required PriceRule Rule { get; init; }

    /// <summary>The traded volume in MWh (the maximal volume among welfare-maximising outcomes).</summary>
    public required double VolumeMwh { get; init; }

    /// <summary>The accepted energy of each offer step in MWh, in the order the offers were given.</summary>
    public required IReadOnlyList<double> AcceptedOffersMwh { get; init; }

    /// <summary>The accepted energy of each bid step in MWh, in the order the bids were given.</summary>
    public required IReadOnlyList<double> AcceptedBidsMwh { get; init; }

    /// <summary>
    /// The lower end p_low of the clearing-price interval in EUR/MWh: the highest price of an accepted offer or of a
    /// bid not fully accepted; −∞ when there is none.
    /// </summary>
    public required double PriceLowEurPerMwh { get; init; }

    /// <summary>
    /// The upper end p_high of the interval in EUR/MWh: the lowest price of an offer not fully accepted or of an
    /// accepted bid; +∞ when there is none.
    /// </summary>
    public required double PriceHighEurPerMwh { get; init; }

    /// <summary>
    /// The clearing price in EUR/MWh chosen by <see cref="Rule"/> when both ends are finite, the finite end when only one
    /// is, and null when neither is (nothing that sets a price).
    /// </summary>
    public required double? PriceEurPerMwh { get; init; }

    /// <summary>Whether the interval has more than one point (price indeterminacy).</summary>
    public bool IsPriceIndeterminate => PriceHighEurPerMwh > PriceLowEurPerMwh;

    /// <summary>
    /// The welfare Σ bid price × accepted − Σ offer price × accepted in EUR, over steps with finite prices
    /// (must-serve bids at +∞ carry no finite value and are left out).
    /// </summary>
    public required decimal WelfareEur { get; init; }
}
