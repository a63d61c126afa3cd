namespace Lem.Grid.ThreePhase;

/// <summary>How a load's power depends on its voltage (docs/three-phase.md): the ZIP components.</summary>
public enum LoadModel
{
    /// <summary>Constant power: the specified P and Q at any voltage.</summary>
    ConstantPower,

    /// <summary>Constant current: P and Q proportional to |V| / V_nominal.</summary>
    ConstantCurrent,

    /// <summary>Constant impedance: P and Q proportional to (|V| / V_nominal)².</summary>
    ConstantImpedance,
}
