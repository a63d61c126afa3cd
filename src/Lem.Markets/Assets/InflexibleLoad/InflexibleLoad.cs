namespace Lem.Markets.Assets;

/// <summary>A load that must be served as given: household base load, for example.</summary>
/// <param name="Id">The asset's id.</param>
/// <param name="Name">A display name, or null.</param>
/// <param name="DemandKw">Average consumption per slot in kW (≥ 0).</param>
public sealed record InflexibleLoad(AssetId Id, string? Name, SlotSeries DemandKw) : Asset(Id, Name)
{
    /// <inheritdoc />
    public override string Kind => "inflexible_load";
}
