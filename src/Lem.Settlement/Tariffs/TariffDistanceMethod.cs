namespace Lem.Settlement.Tariffs;

/// <summary>How the electrical distance between two buses is measured (docs/network-charges.md).</summary>
public enum TariffDistanceMethod
{
    /// <summary>The sum of the series resistances along the path (radial grids).</summary>
    Path,

    /// <summary>The resistance distance R_nn + R_mm − 2R_nm from the bus impedance matrix.</summary>
    Resistance,

    /// <summary>The flow footprint Σ_ℓ |PTDF_ℓn − PTDF_ℓm|.</summary>
    Ptdf,
}
