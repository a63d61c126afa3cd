namespace Lem.Grid.Formulations;

/// <summary>
/// One linear thermal-limit row of <see cref="LinDist3FlowFormulation"/>: −S'/3 ≤ cos·P_end^φ + sin·Q_end^φ ≤ S'/3 for one
/// phase of the flow entering a branch at one end (p.u. of S_base/3, so the bound is the branch rating in p.u.).
/// </summary>
/// <param name="Constraint">The row in the model.</param>
/// <param name="BranchIndex">The solver branch.</param>
/// <param name="Phase">The phase index 0..2.</param>
/// <param name="AtFromEnd">True for the from end, false for the to end.</param>
/// <param name="CosCoefficient">The coefficient of the active flow.</param>
/// <param name="SinCoefficient">The coefficient of the reactive flow.</param>
public readonly record struct LinDist3FlowThermalRow(Constraint Constraint, int BranchIndex, int Phase, bool AtFromEnd, double CosCoefficient, double SinCoefficient);
