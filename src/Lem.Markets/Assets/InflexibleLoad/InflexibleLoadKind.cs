namespace Lem.Markets.Assets;

/// <summary>The <c>inflexible_load</c> kind: a demand series served as given.</summary>
public sealed class InflexibleLoadKind() : AssetKind<InflexibleLoad>("inflexible_load")
{
    private protected override InflexibleLoad? ReadAsset(string type, AssetId? id, string? name, ObjectReader r, IAssetReadContext c)
    {
        var demand = c.Series(r, "demand_kw", required: true, NumberRange.NonNegative, "kW");
        return id is null || demand is null ? null : new InflexibleLoad(id.Value, name, demand);
    }

    private protected override IReadOnlyList<SlotSeries> SeriesOf(InflexibleLoad asset) => [asset.DemandKw];

    private protected override InflexibleLoad ExtendedOf(InflexibleLoad asset, int slots) => asset with { DemandKw = asset.DemandKw.Repeated(slots) };

    private protected override SeparableProfile SeparableOf(InflexibleLoad asset) => new() { FixedDemandKw = asset.DemandKw.Values };

    private protected override IReadOnlyList<double> ExpectedConsumptionOf(InflexibleLoad asset, Horizon horizon) => asset.DemandKw.Values;

    private protected override void AddFiguresOf(InflexibleLoad asset, AssetFigures figures, double slotHours) => figures.AddDemand(asset.DemandKw.Values);

    private protected override PoolAssetModel PoolModelOf(InflexibleLoad asset, ParticipantId owner, int bus, Horizon horizon) => new InflexibleLoadModel(asset, owner, bus);

    private protected override void AddToImportCheckOf(InflexibleLoad asset, ParticipantId owner, Horizon horizon, ImportCheck check)
    {
        for (var t = 0; t < horizon.Count; t++)
        {
            check.MustServe(t, asset.DemandKw[t], $"'{asset.Id}' of '{owner}'");
        }
    }

    // A household's peak demand is a few kW to some tens of kW; docs/scenario-format.md#plausibility-warnings.
    private protected override IReadOnlyList<AssetMagnitude> MagnitudesOf(InflexibleLoad asset) => [new("demand_kw", asset.DemandKw.Max(), "kW", 50, "a household load")];
}
