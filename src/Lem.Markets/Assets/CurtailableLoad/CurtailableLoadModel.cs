namespace Lem.Markets.Assets;

/// <summary>A curtailable load: shed s ∈ [0, demand] at the value of lost load; it withdraws demand − s.</summary>
internal sealed class CurtailableLoadModel(CurtailableLoad load, ParticipantId owner, int bus) : PoolAssetModel(load.Id, owner, bus)
{
    private Variable[] _shed = [];

    public override void Build(PoolBuildContext c)
    {
        _shed = PerSlotUpTo(c, "shed", load.DemandKw);
        var voll = load.ValueOfLostLoad.EurPerMwh;
        for (var t = 0; t < c.SlotCount; t++)
        {
            c.AddFixedLoad(t, Bus, load.DemandKw[t] / 1000.0);
            c.AddLoad(t, Bus, _shed[t], -1.0);
            c.Cost[t].Add(_shed[t], voll * c.Hours);
        }
    }

    public override AssetDispatch Read(double[] values, double hours)
    {
        var shed = Kw(values, _shed);
        return new LoadDispatch(load.Id, Owner, load.Kind, [.. shed.Select((s, t) => load.DemandKw[t] - s)], shed);
    }

    // Serving the load is worth its value of lost load.
    public override void AddMeritSteps(int slot, MeritBook book, double hours)
    {
        var demandMw = load.DemandKw[slot] / 1000.0;
        var shed = _shed[slot];
        book.AddBid(load.ValueOfLostLoad.EurPerMwh, demandMw * hours, served => (shed.Index, Math.Max(0.0, demandMw - (served / hours))));
    }
}
