using Lem.Domain.Ids;

namespace Lem.Domain.Assets;

/// <summary>
/// A physical asset behind a participant's meter. The hierarchy is open: each concrete kind (load, PV, battery, heat
/// pump, ...) lives with its reading, models and outputs in its own folder under <c>Lem.Markets/Assets</c> and is
/// registered there by its scenario <c>type</c> name (docs/scenario-format.md#assets).
/// </summary>
/// <remarks>
/// Magnitudes are given as positive numbers (a load consumes <c>DemandKw</c> ≥ 0); a market mechanism turns
/// them into net injections, positive into the grid.
/// </remarks>
/// <param name="Id">The asset's id, unique within the scenario.</param>
/// <param name="Name">A display name, or null.</param>
public abstract record Asset(AssetId Id, string? Name)
{
    /// <summary>The kind of asset as written in the scenario format (e.g. <c>battery</c>).</summary>
    public abstract string Kind { get; }
}
