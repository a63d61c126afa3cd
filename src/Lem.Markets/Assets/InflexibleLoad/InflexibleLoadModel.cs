namespace Lem.Markets.Assets;

/// <summary>An inflexible load: a fixed withdrawal (no variable), served at any price.</summary>
internal sealed class InflexibleLoadModel(InflexibleLoad load, ParticipantId owner, int bus) : PoolAssetModel(load.Id, owner, bus)
{
    public override void Build(PoolBuildContext c)
    {
        for (var t = 0; t < c.SlotCount; t++)
        {
            c.AddFixedLoad(t, Bus, load.DemandKw[t] / 1000.0);
        }
    }

    public override AssetDispatch Read(double[] values, double hours) =>
        new LoadDispatch(load.Id, Owner, load.Kind, load.DemandKw.Values, new double[load.DemandKw.Count]);

    // Must be served: a bid at +∞ for the whole demand.
    public override void AddMeritSteps(int slot, MeritBook book, double hours) =>
        book.AddBid(double.PositiveInfinity, load.DemandKw[slot] / 1000.0 * hours, static _ => null);
}
