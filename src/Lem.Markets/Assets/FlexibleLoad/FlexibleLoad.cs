namespace Lem.Markets.Assets;

/// <summary>
/// A load that must receive an amount of energy within a window but may shift it freely inside
/// (a heat pump with a thermal buffer, a dishwasher, a pool pump).
/// </summary>
/// <param name="Id">The asset's id.</param>
/// <param name="Name">A display name, or null.</param>
/// <param name="Energy">The energy to deliver within the window.</param>
/// <param name="WindowStart">The start of the window (included).</param>
/// <param name="WindowEnd">The end of the window (excluded).</param>
/// <param name="MaxPower">The largest power the load can draw.</param>
/// <param name="MinPower">The power the load draws at least in every slot of the window (often zero).</param>
public sealed record FlexibleLoad(
    AssetId Id,
    string? Name,
    Energy Energy,
    Instant WindowStart, Instant WindowEnd,
    Power MaxPower,
    Power MinPower) : Asset(Id, Name)
{
    /// <inheritdoc />
    public override string Kind => "flexible_load";
}
