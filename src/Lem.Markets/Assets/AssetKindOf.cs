namespace Lem.Markets.Assets;

/// <summary>An <see cref="AssetKind"/> for the asset record <typeparamref name="TAsset"/>: the members take the typed asset.</summary>
/// <typeparam name="TAsset">The asset record of the kind.</typeparam>
public abstract class AssetKind<TAsset> : AssetKind
    where TAsset : Asset
{
    /// <summary>A kind read under the scenario <c>type</c> names <paramref name="typeNames"/>.</summary>
    private protected AssetKind(params string[] typeNames)
    {
        TypeNames = typeNames;
    }

    /// <inheritdoc />
    public sealed override IReadOnlyList<string> TypeNames { get; }

    /// <inheritdoc />
    public sealed override Type AssetType => typeof(TAsset);

    /// <inheritdoc />
    public sealed override Asset? Read(string type, AssetId? id, string? name, ObjectReader reader, IAssetReadContext context) =>
        ReadAsset(type, id, name, reader, context);

    /// <inheritdoc />
    public sealed override IReadOnlyList<SlotSeries> SlotSeries(Asset asset) => SeriesOf(Typed(asset));

    /// <inheritdoc />
    public sealed override SeparableProfile? Separable(Asset asset) => SeparableOf(Typed(asset));

    /// <inheritdoc />
    public sealed override IReadOnlyList<double>? ExpectedConsumptionKw(Asset asset, Horizon horizon) => ExpectedConsumptionOf(Typed(asset), horizon);
    /// <inheritdoc />
    public sealed override IReadOnlyList<AssetMagnitude> Magnitudes(Asset asset) => MagnitudesOf(Typed(asset));


    /// <inheritdoc />
    public sealed override void AddFigures(Asset asset, AssetFigures figures, double slotHours) => AddFiguresOf(Typed(asset), figures, slotHours);

    /// <inheritdoc />
    public sealed override Asset Extended(Asset asset, int slots) => ExtendedOf(Typed(asset), slots);

    /// <inheritdoc />
    internal sealed override PoolAssetModel PoolModel(Asset asset, ParticipantId owner, int bus, Horizon horizon) => PoolModelOf(Typed(asset), owner, bus, horizon);

    /// <inheritdoc />
    internal sealed override void CheckFeasibility(Asset asset, ParticipantId owner, Horizon horizon, List<string> causes) => CheckFeasibilityOf(Typed(asset), owner, horizon, causes);

    /// <inheritdoc />
    internal sealed override void AddToImportCheck(Asset asset, ParticipantId owner, Horizon horizon, ImportCheck check) => AddToImportCheckOf(Typed(asset), owner, horizon, check);

    /// <summary>Reads the kind-specific fields (see <see cref="AssetKind.Read"/>).</summary>
    private protected abstract TAsset? ReadAsset(string type, AssetId? id, string? name, ObjectReader reader, IAssetReadContext context);

    /// <summary>The per-slot series of the asset (none by default).</summary>
    private protected virtual IReadOnlyList<SlotSeries> SeriesOf(TAsset asset) => [];

    /// <summary>The separable cost terms of the asset (none by default: it needs the optimisation layer).</summary>
    private protected virtual SeparableProfile? SeparableOf(TAsset asset) => null;

    /// <summary>The consumption known in advance that draws reactive power (none by default).</summary>
    private protected virtual IReadOnlyList<double>? ExpectedConsumptionOf(TAsset asset, Horizon horizon) => null;

    /// <summary>The asset's headline sizes for the plausibility warnings (none by default).</summary>
    private protected virtual IReadOnlyList<AssetMagnitude> MagnitudesOf(TAsset asset) => [];

    /// <summary>Adds the asset's figures to a summary (nothing by default).</summary>
    private protected virtual void AddFiguresOf(TAsset asset, AssetFigures figures, double slotHours)
    {
    }

    /// <summary>The asset over <paramref name="slots"/> slots (see <see cref="AssetKind.Extended"/>); unchanged by default.</summary>
    private protected virtual TAsset ExtendedOf(TAsset asset, int slots) => asset;

    /// <summary>The asset's pool model.</summary>
    private protected abstract PoolAssetModel PoolModelOf(TAsset asset, ParticipantId owner, int bus, Horizon horizon);

    /// <summary>The asset's exact feasibility checks (none by default).</summary>
    private protected virtual void CheckFeasibilityOf(TAsset asset, ParticipantId owner, Horizon horizon, List<string> causes)
    {
    }

    /// <summary>The asset's contribution to the import-limit check (none by default).</summary>
    private protected virtual void AddToImportCheckOf(TAsset asset, ParticipantId owner, Horizon horizon, ImportCheck check)
    {
    }

    private TAsset Typed(Asset asset) => asset as TAsset
        ?? throw new ArgumentException($"Asset '{asset?.Id}' is a {asset?.GetType().Name}, not a {typeof(TAsset).Name}.", nameof(asset));
}
