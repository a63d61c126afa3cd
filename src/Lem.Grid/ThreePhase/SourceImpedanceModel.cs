namespace Lem.Grid.ThreePhase;

/// <summary>
/// Where a three-phase source's short-circuit impedance acts (docs/three-phase.md). The tools disagree, and a
/// result can only be compared with a reference that uses the same convention.
/// </summary>
public enum SourceImpedanceModel
{
    /// <summary>An ideal source: the phase voltages are the balanced set V(1, α, α²) behind no impedance.</summary>
    Ideal,

    /// <summary>
    /// The impedance acts in all three sequences behind the balanced internal voltage (power-grid-model, OpenDSS).
    /// </summary>
    AllSequences,

    /// <summary>
    /// The positive-sequence voltage at the bus is fixed; the impedance acts in the negative and zero sequences only
    /// (pandapower's runpp_3ph and PowerFactory's validation cases).
    /// </summary>
    NegativeAndZeroSequences,
}
