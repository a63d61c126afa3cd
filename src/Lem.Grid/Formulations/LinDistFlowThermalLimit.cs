namespace Lem.Grid.Formulations;

/// <summary>How <see cref="LinDistFlowFormulation"/> linearises a branch's thermal rating S.</summary>
public enum LinDistFlowThermalLimit
{
    /// <summary>
    /// The disc P² + Q² ≤ S² replaced by the inscribed regular polygon with <see cref="LinDistFlowFormulation.PolygonSides"/>
    /// sides (vertices on the circle, so the polygon never admits more than S): cos θ_m·P + sin θ_m·Q ≤ S·cos(π/N).
    /// </summary>
    Polygon,

    /// <summary>Only the active power is limited, |P| ≤ S (the "|P_ℓ| ≤ P̄_ℓ" variant in docs/formulations.md#lindistflow).</summary>
    ActivePower,
}
