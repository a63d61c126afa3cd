namespace Lem.Markets.Auctions;

/// <summary>The outcome of a call auction over all slots of a book.</summary>
public sealed record AuctionResult
{
    /// <summary>The mechanism: <c>uniform</c>, <c>pay-as-bid</c> or <c>mcafee</c>.</summary>
    public required string Mechanism { get; init; }

    /// <summary>Every rule the mechanism applied (price, volume ties, pairing, payments), in sentences.</summary>
    public required IReadOnlyList<string> Rules { get; init; }

    /// <summary>The per-slot results, by ascending slot.</summary>
    public required IReadOnlyList<AuctionSlotResult> Slots { get; init; }

    /// <summary>Problems that did not stop the clearing (for example quantities that are not whole lots).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>All trades, slot by slot.</summary>
    public IEnumerable<AuctionTrade> Trades => Slots.SelectMany(s => s.Trades);

    /// <summary>The total welfare in EUR.</summary>
    public decimal WelfareEur => Slots.Sum(s => s.WelfareEur);

    /// <summary>The total operator surplus in EUR.</summary>
    public decimal SurplusEur => Slots.Sum(s => s.SurplusEur);

    /// <summary>The total traded volume in kWh.</summary>
    public double TradedVolumeKwh => Slots.Sum(s => s.TradedVolumeKwh);
}
