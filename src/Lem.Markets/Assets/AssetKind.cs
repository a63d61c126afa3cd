namespace Lem.Markets.Assets;

/// <summary>
/// One kind of asset and everything the platform does with it (docs/scenario-format.md#assets): reading and validating
/// it from the scenario JSON, its part of the pool model, its local model for the distributed engines, what it tells
/// the closed-form engines, the AC check and the infeasibility diagnosis, and its figures for <c>lem info</c>. Kinds are
/// registered in <see cref="AssetKinds"/> by their scenario <c>type</c> names; the engines ask the kind of an asset
/// instead of switching on its type.
/// </summary>
public abstract class AssetKind
{
    private protected AssetKind()
    {
    }

    /// <summary>The scenario <c>type</c> names the kind reads (one, or several when they share the behaviour: <c>pv</c> and <c>wind</c>).</summary>
    public abstract IReadOnlyList<string> TypeNames { get; }

    /// <summary>The asset record type of the kind.</summary>
    public abstract Type AssetType { get; }

    /// <summary>Whether assets of the kind generate renewable energy (a <c>green</c> preference's partners, docs/scenario-format.md#preferences).</summary>
    public virtual bool Renewable => false;

    /// <summary>
    /// Reads and validates the kind-specific fields of one <c>assets</c> entry whose <c>type</c>, <c>id</c> and
    /// <c>name</c> were read already; reports problems to the reader's diagnostics and returns null when there are any
    /// (or when <paramref name="id"/> is null).
    /// </summary>
    /// <param name="type">The entry's <c>type</c>, one of <see cref="TypeNames"/>.</param>
    /// <param name="id">The asset id, or null when it was invalid.</param>
    /// <param name="name">The display name, or null.</param>
    /// <param name="reader">The entry.</param>
    /// <param name="context">Series and time stamps in the scenario's horizon.</param>
    public abstract Asset? Read(string type, AssetId? id, string? name, ObjectReader reader, IAssetReadContext context);

    /// <summary>The series of the asset that must have one value per slot of the horizon (checked before clearing).</summary>
    public abstract IReadOnlyList<SlotSeries> SlotSeries(Asset asset);

    /// <summary>
    /// The asset as terms of a cost that separates by slot (fixed demand, sheddable demand at a value of lost load,
    /// curtailable output at a curtailment cost), for the closed-form agents and cost games; null when the asset couples
    /// slots or has any other cost (it then needs the optimisation layer).
    /// </summary>
    public abstract SeparableProfile? Separable(Asset asset);

    /// <summary>
    /// The consumption per slot (kW) that draws reactive power at the load power factor when the schedule of the asset is
    /// private (the distributed engines' AC check); null when the asset draws none that is known in advance.
    /// </summary>
    public abstract IReadOnlyList<double>? ExpectedConsumptionKw(Asset asset, Horizon horizon);

    /// <summary>
    /// The asset's headline sizes with the largest usual value on a low-voltage bus, for the plausibility warnings
    /// (docs/scenario-format.md#plausibility-warnings); empty for kinds without such a size.
    /// </summary>
    public abstract IReadOnlyList<AssetMagnitude> Magnitudes(Asset asset);

    /// <summary>Adds the asset's headline figures (demand, capacities, energies) to a scenario summary.</summary>
    public abstract void AddFigures(Asset asset, AssetFigures figures, double slotHours);

    /// <summary>
    /// The asset over a longer horizon of <paramref name="slots"/> slots that starts where its own does (an MPC agent's
    /// rolling horizon beyond the day, docs/agents.md#the-mpc-lp): its per-slot series repeated cyclically; assets
    /// without series, and windows given as instants (EVs, flexible loads), unchanged.
    /// </summary>
    public abstract Asset Extended(Asset asset, int slots);

    /// <summary>The asset's part of the pool model at a solver bus.</summary>
    internal abstract PoolAssetModel PoolModel(Asset asset, ParticipantId owner, int bus, Horizon horizon);

    /// <summary>The asset's part of an agent's local problem in the distributed engines: its pool model on the agent's one-bus context.</summary>
    internal virtual PoolAssetModel LocalModel(Asset asset, ParticipantId owner, Horizon horizon) => PoolModel(asset, owner, 0, horizon);

    /// <summary>Exact checks of the asset on its own: each cause added proves the clearing infeasible.</summary>
    internal abstract void CheckFeasibility(Asset asset, ParticipantId owner, Horizon horizon, List<string> causes);

    /// <summary>Adds what the asset must draw at least and can supply at most per slot to the import-limit check.</summary>
    internal abstract void AddToImportCheck(Asset asset, ParticipantId owner, Horizon horizon, ImportCheck check);
}
