namespace Lem.Markets.Assets;

/// <summary>The <c>curtailable_load</c> kind: a demand series that may be shed at its value of lost load.</summary>
public sealed class CurtailableLoadKind() : AssetKind<CurtailableLoad>("curtailable_load")
{
    private protected override CurtailableLoad? ReadAsset(string type, AssetId? id, string? name, ObjectReader r, IAssetReadContext c)
    {
        var demand = c.Series(r, "demand_kw", required: true, NumberRange.NonNegative, "kW");
        var voll = r.Number("voll_eur_per_mwh", required: true, NumberRange.Between(0, 1_000_000), "EUR/MWh");
        return id is null || demand is null || voll is null ? null : new CurtailableLoad(id.Value, name, demand, Price.FromEurPerMwh(voll.Value));
    }

    private protected override IReadOnlyList<SlotSeries> SeriesOf(CurtailableLoad asset) => [asset.DemandKw];

    private protected override CurtailableLoad ExtendedOf(CurtailableLoad asset, int slots) => asset with { DemandKw = asset.DemandKw.Repeated(slots) };

    private protected override SeparableProfile SeparableOf(CurtailableLoad asset) =>
        new() { SheddableDemandKw = asset.DemandKw.Values, ValueOfLostLoadEurPerMwh = asset.ValueOfLostLoad.EurPerMwh };

    // Its demand draws reactive power unless shed; the distributed engines do not know the shedding in advance.
    private protected override IReadOnlyList<double> ExpectedConsumptionOf(CurtailableLoad asset, Horizon horizon) => asset.DemandKw.Values;

    private protected override void AddFiguresOf(CurtailableLoad asset, AssetFigures figures, double slotHours) => figures.AddDemand(asset.DemandKw.Values);

    private protected override PoolAssetModel PoolModelOf(CurtailableLoad asset, ParticipantId owner, int bus, Horizon horizon) => new CurtailableLoadModel(asset, owner, bus);

    // It can be shed: nothing must be served.

    // A household's peak demand is a few kW to some tens of kW; docs/scenario-format.md#plausibility-warnings.
    private protected override IReadOnlyList<AssetMagnitude> MagnitudesOf(CurtailableLoad asset) => [new("demand_kw", asset.DemandKw.Max(), "kW", 50, "a household load")];
}
