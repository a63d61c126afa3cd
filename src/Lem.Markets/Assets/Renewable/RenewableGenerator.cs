namespace Lem.Markets.Assets;

/// <summary>A PV or wind generator whose output may be curtailed below what the weather allows.</summary>
/// <param name="Id">The asset's id.</param>
/// <param name="Name">A display name, or null.</param>
/// <param name="Source">PV or wind.</param>
/// <param name="Capacity">The installed (peak) capacity.</param>
/// <param name="AvailableKw">The output the weather allows per slot in kW, between 0 and the capacity.</param>
/// <param name="CurtailmentCost">The cost of not producing available energy (lost subsidy, for example).</param>
public sealed record RenewableGenerator(
    AssetId Id,
    string? Name,
    RenewableKind Source,
    Power Capacity,
    SlotSeries AvailableKw,
    Price CurtailmentCost) : Asset(Id, Name)
{
    /// <inheritdoc />
    public override string Kind => Source == RenewableKind.Pv ? "pv" : "wind";
}
