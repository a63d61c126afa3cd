namespace Lem.Markets.Pool;

/// <summary>The schedule the clearing gives one asset; the concrete kinds carry the asset's own quantities.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Participant">The participant that owns it.</param>
public abstract record AssetDispatch(AssetId Asset, ParticipantId Participant)
{
    /// <summary>The asset kind as the scenario format spells it (<c>pv</c>, <c>battery</c>, <c>ev</c>, ...).</summary>
    public abstract string Kind { get; }

    /// <summary>The asset's net injection per slot in kW (injection positive, consumption negative).</summary>
    public abstract IReadOnlyList<double> NetInjectionKw { get; }

    /// <summary>
    /// The power per slot (kW, ≥ 0) that draws reactive power at the load power factor in the AC check (loads, heat
    /// pumps); null for assets at unity power factor (generation, storage, EVs).
    /// </summary>
    public virtual IReadOnlyList<double>? ReactiveConsumptionKw => null;

    /// <summary>The asset's rows of <c>storage.csv</c> (charging, discharging and stored energy per slot), or null when it stores nothing.</summary>
    public virtual StorageSchedule? Storage => null;
}
