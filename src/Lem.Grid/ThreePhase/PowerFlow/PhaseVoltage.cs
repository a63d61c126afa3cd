namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>The voltage of one phase of a bus (phase to ground).</summary>
/// <param name="Phase">The phase.</param>
/// <param name="MagnitudeV">The magnitude in V.</param>
/// <param name="MagnitudePu">The magnitude in pu of the bus's phase-to-neutral base V_LL/√3.</param>
/// <param name="AngleDegree">The angle in degrees.</param>
public sealed record PhaseVoltage(Phase Phase, double MagnitudeV, double MagnitudePu, double AngleDegree);
