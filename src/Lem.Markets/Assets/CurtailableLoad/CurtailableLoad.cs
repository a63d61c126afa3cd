namespace Lem.Markets.Assets;

/// <summary>A load that may be shed, at a cost equal to its value of lost load (VOLL).</summary>
/// <param name="Id">The asset's id.</param>
/// <param name="Name">A display name, or null.</param>
/// <param name="DemandKw">The demand per slot in kW (≥ 0) if not shed.</param>
/// <param name="ValueOfLostLoad">What not serving one unit of energy costs the participant.</param>
public sealed record CurtailableLoad(AssetId Id, string? Name, SlotSeries DemandKw, Price ValueOfLostLoad) : Asset(Id, Name)
{
    /// <inheritdoc />
    public override string Kind => "curtailable_load";
}
