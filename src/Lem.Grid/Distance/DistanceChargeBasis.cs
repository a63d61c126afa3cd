namespace Lem.Grid.Distance;

/// <summary>Distance-based charge c_nm = γ·d_nm/d̄ (docs/network-charges.md#charges), with d the electrical distance between the partners' buses.</summary>
/// <param name="Method">How the distance is measured.</param>
public sealed record DistanceChargeBasis(ElectricalDistanceMethod Method) : NetworkChargeBasis
{
    /// <summary>
    /// The normalisation d̄ in the unit of the distance (per unit, or dimensionless for the PTDF distance); null for the
    /// largest distance in the network (<see cref="ElectricalDistanceMatrix.Max"/>), so the most distant pair pays γ.
    /// </summary>
    public double? NormalisationDistance { get; init; }

    /// <summary>The distance settings (path impedance with r or |z|).</summary>
    public ElectricalDistanceOptions DistanceOptions { get; init; } = ElectricalDistanceOptions.Default;
}
