namespace Lem.Markets.Assets;

/// <summary>A PV or wind generator: output g ∈ [0, available], curtailment (available − g) at its curtailment cost.</summary>
internal sealed class RenewableModel(RenewableGenerator generator, ParticipantId owner, int bus) : PoolAssetModel(generator.Id, owner, bus)
{
    private Variable[] _output = [];

    public override void Build(PoolBuildContext c)
    {
        _output = PerSlotUpTo(c, "p", generator.AvailableKw);
        var cost = generator.CurtailmentCost.EurPerMwh * c.Hours;
        for (var t = 0; t < c.SlotCount; t++)
        {
            c.P[t][Bus].Add(_output[t], 1.0);
            c.Cost[t].AddConstant(cost * (generator.AvailableKw[t] / 1000.0)).Add(_output[t], -cost);
        }
    }

    public override AssetDispatch Read(double[] values, double hours)
    {
        var output = Kw(values, _output);
        return new RenewableDispatch(generator.Id, Owner, generator.Kind, output, [.. output.Select((g, t) => Math.Max(0.0, generator.AvailableKw[t] - g))]);
    }

    // Producing avoids the curtailment cost: an offer at −cost for the available energy.
    public override void AddMeritSteps(int slot, MeritBook book, double hours)
    {
        var g = _output[slot];
        book.AddOffer(-generator.CurtailmentCost.EurPerMwh, generator.AvailableKw[slot] / 1000.0 * hours, e => (g.Index, e / hours));
    }
}
