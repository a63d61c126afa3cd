namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>The flow in one phase of a branch, at its from (HV) end, direction from → to positive.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="CurrentA">The current magnitude in A.</param>
/// <param name="PowerKw">The active power in kW.</param>
/// <param name="ReactivePowerKvar">The reactive power in kvar.</param>
public sealed record PhaseBranchFlow(Phase Phase, double CurrentA, double PowerKw, double ReactivePowerKvar);
