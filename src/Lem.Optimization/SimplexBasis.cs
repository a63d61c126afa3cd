namespace Lem.Optimization;

/// <summary>
/// A simplex basis: the status of every column and row of an LP in HiGHS's coding (0 at the lower bound, 1 basic,
/// 2 at the upper bound, 3 free at zero, 4 nonbasic). A solve returns it (<see cref="Solution.Basis"/>) and a later
/// solve of a model with the same columns and rows can start from it (<see cref="SolverOptions.StartBasis"/>), a warm
/// start: the same LP with other costs and bounds, such as an MPC prosumer's plan of the next day, then needs a few
/// pivots instead of a solve from the slack basis (docs/simulation.md#performance).
/// </summary>
/// <param name="ColumnStatus">One status per variable, in the model's order.</param>
/// <param name="RowStatus">One status per constraint, in the model's order.</param>
public sealed record SimplexBasis(int[] ColumnStatus, int[] RowStatus)
{
    /// <summary>Whether the basis has one status per variable and per constraint of <paramref name="model"/>.</summary>
    public bool Fits(OptimizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ColumnStatus.Length == model.Variables.Count && RowStatus.Length == model.Constraints.Count;
    }
}
