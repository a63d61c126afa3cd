namespace Lem.Markets.Assets;

/// <summary>The <c>pv</c> and <c>wind</c> kinds: variable renewable output that may be curtailed at a cost.</summary>
public sealed class RenewableGeneratorKind() : AssetKind<RenewableGenerator>("pv", "wind")
{
    /// <inheritdoc/>
    public override bool Renewable => true;

    private protected override RenewableGenerator? ReadAsset(string type, AssetId? id, string? name, ObjectReader r, IAssetReadContext c)
    {
        var kind = type == "wind" ? RenewableKind.Wind : RenewableKind.Pv;
        var capacity = r.Number("capacity_kw", required: true, NumberRange.Positive, "kW");
        var available = c.Series(r, "available_kw", required: true, NumberRange.NonNegative, "kW");
        var curtail = r.Number("curtailment_cost_eur_per_mwh", required: false, AssetReading.PriceRange, "EUR/MWh") ?? 0;
        if (capacity is not null && available is not null)
        {
            var max = available.Max();
            if (max > capacity.Value * (1 + 1e-9))
            {
                var slot = available.Values.ToList().IndexOf(max);
                r.Diagnostics.Error(r.PathOf("available_kw"), ValidationCodes.ValueOutOfRange, $"available_kw reaches {AssetReading.F(max)} kW in slot {slot}, above capacity_kw = {AssetReading.F(capacity.Value)} kW.");
                return null;
            }
        }

        return id is null || capacity is null || available is null
            ? null
            : new RenewableGenerator(id.Value, name, kind, Power.FromKw(capacity.Value), available, Price.FromEurPerMwh(curtail));
    }

    private protected override IReadOnlyList<SlotSeries> SeriesOf(RenewableGenerator asset) => [asset.AvailableKw];

    private protected override RenewableGenerator ExtendedOf(RenewableGenerator asset, int slots) => asset with { AvailableKw = asset.AvailableKw.Repeated(slots) };

    private protected override SeparableProfile SeparableOf(RenewableGenerator asset) =>
        new() { AvailableOutputKw = asset.AvailableKw.Values, CurtailmentCostEurPerMwh = asset.CurtailmentCost.EurPerMwh };

    private protected override void AddFiguresOf(RenewableGenerator asset, AssetFigures figures, double slotHours)
    {
        if (asset.Source == RenewableKind.Pv)
        {
            figures.PvCapacityKw += asset.Capacity.Kw;
            figures.PvAvailableKwh += asset.AvailableKw.IntegrateKwh(slotHours);
        }
        else
        {
            figures.WindCapacityKw += asset.Capacity.Kw;
            figures.WindAvailableKwh += asset.AvailableKw.IntegrateKwh(slotHours);
        }
    }

    private protected override PoolAssetModel PoolModelOf(RenewableGenerator asset, ParticipantId owner, int bus, Horizon horizon) => new RenewableModel(asset, owner, bus);

    private protected override void AddToImportCheckOf(RenewableGenerator asset, ParticipantId owner, Horizon horizon, ImportCheck check)
    {
        for (var t = 0; t < horizon.Count; t++)
        {
            check.CanSupply(t, asset.AvailableKw[t]);
        }
    }

    // Rooftop PV and small wind on a low-voltage bus are rarely above 50 kW; docs/scenario-format.md#plausibility-warnings.
    private protected override IReadOnlyList<AssetMagnitude> MagnitudesOf(RenewableGenerator asset) =>
        [new("capacity_kw", asset.Capacity.Kw, "kW", 50, asset.Source == RenewableKind.Pv ? "a rooftop PV system" : "a small wind turbine")];
}
