namespace Lem.Grid.Formulations;

/// <summary>
/// One linear thermal-limit row of <see cref="LinDistFlowFormulation"/>: −S' ≤ cos·P_end + sin·Q_end ≤ S' for the
/// flow (p.u.) entering the branch at one end.
/// </summary>
/// <param name="Constraint">The row in the model; its dual is ∂(objective)/∂(active bound) per p.u.</param>
/// <param name="BranchIndex">The solver branch.</param>
/// <param name="AtFromEnd">True for the from end, false for the to end.</param>
/// <param name="CosCoefficient">The coefficient of the active flow (cos θ_m).</param>
/// <param name="SinCoefficient">The coefficient of the reactive flow (sin θ_m).</param>
public readonly record struct LinDistFlowThermalRow(Constraint Constraint, int BranchIndex, bool AtFromEnd, double CosCoefficient, double SinCoefficient);
