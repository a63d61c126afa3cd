namespace Lem.Grid.Distance;

/// <summary>How <see cref="ElectricalDistance.Compute(Network.GridNetwork, ElectricalDistanceMethod)"/> measures the electrical distance between two buses (docs/network-charges.md).</summary>
public enum ElectricalDistanceMethod
{
    /// <summary>
    /// The sum of the branch series resistances r (or |z|, see <see cref="ElectricalDistanceOptions.PathUsesImpedanceMagnitude"/>)
    /// along the unique path between the buses, in per unit; radial networks only.
    /// </summary>
    PathImpedance,

    /// <summary>
    /// The resistance distance d_nm = R_nn + R_mm − 2R_nm with R = Re(Z_bus) of the series network, in per unit; any
    /// topology. Equal to <see cref="PathImpedance"/> (with r) on a radial network.
    /// </summary>
    ResistanceDistance,

    /// <summary>
    /// The flow footprint of a bilateral transaction d_nm = Σ_ℓ |PTDF_ℓn − PTDF_ℓm| (DC model, reactances), dimensionless
    /// (MW of branch flow per MW traded, summed over branches); any topology.
    /// </summary>
    Ptdf,
}
