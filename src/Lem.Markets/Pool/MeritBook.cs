namespace Lem.Markets.Pool;

/// <summary>
/// The supply and demand curve of one slot collected from the pool's parts, each step with the way to write its
/// accepted energy back into the solution values (for the pro-rata volume rule).
/// </summary>
internal sealed class MeritBook
{
    public List<MeritOrderStep> Offers { get; } = [];

    public List<MeritOrderStep> Bids { get; } = [];

    /// <summary>For each offer: the variable index and value that an accepted energy (MWh) maps to, or null when nothing is written.</summary>
    public List<Func<double, (int Index, double Value)?>> OfferWriters { get; } = [];

    /// <summary>For each bid: the variable index and value that an accepted energy (MWh) maps to, or null when nothing is written.</summary>
    public List<Func<double, (int Index, double Value)?>> BidWriters { get; } = [];

    /// <summary>Adds an offer; <paramref name="write"/> maps an accepted energy (MWh) to a variable value.</summary>
    public void AddOffer(double priceEurPerMwh, double quantityMwh, Func<double, (int Index, double Value)?> write)
    {
        Offers.Add(new MeritOrderStep(priceEurPerMwh, quantityMwh));
        OfferWriters.Add(write);
    }

    /// <summary>Adds a bid; <paramref name="write"/> maps an accepted energy (MWh) to a variable value.</summary>
    public void AddBid(double priceEurPerMwh, double quantityMwh, Func<double, (int Index, double Value)?> write)
    {
        Bids.Add(new MeritOrderStep(priceEurPerMwh, quantityMwh));
        BidWriters.Add(write);
    }
}
