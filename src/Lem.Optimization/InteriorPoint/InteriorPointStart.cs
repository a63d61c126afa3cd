namespace Lem.Optimization.InteriorPoint;

/// <summary>
/// The last solution of one <see cref="InteriorPointQp"/> (primal values, bound and row multipliers in the solver's
/// scaled space), kept by a caller that solves a sequence of nearby problems (an ADMM agent's local steps) so that the
/// next solve starts from it instead of the cold start. Not thread-safe: one per caller and QP.
/// </summary>
public sealed class InteriorPointStart
{
    /// <summary>Whether a solution is held.</summary>
    public bool HasPoint => X is not null;

    /// <summary>Solves that started from a held solution and met the tolerances.</summary>
    public int WarmSolves { get; internal set; }

    /// <summary>
    /// Solves answered by one KKT solve on the held active set, without Newton steps
    /// (docs/mechanisms/admm.md#active-set-local-steps).
    /// </summary>
    public int ActiveSetSolves { get; internal set; }

    /// <summary>Active-set attempts that failed their optimality check and were answered by the interior point method.</summary>
    public int ActiveSetMisses { get; internal set; }

    /// <summary>
    /// Whether a solve first tries the held active set (on by default); off, every solve takes the interior point
    /// method's Newton steps.
    /// </summary>
    public bool UseActiveSet { get; set; } = true;

    /// <summary>Solves that started cold (no solution held, or the warm start stopped short and was repeated cold).</summary>
    public int ColdSolves { get; internal set; }

    internal double[]? X { get; private set; }

    internal double[]? LowerDuals { get; private set; }

    internal double[]? UpperDuals { get; private set; }

    internal double[]? RowDuals { get; private set; }

    /// <summary>Per scaled column: −1 at its lower bound, +1 at its upper bound, 0 between (the active set of the held solution).</summary>
    internal sbyte[]? State { get; private set; }

    /// <summary>The objective scale the duals belong to.</summary>
    internal double Scale { get; private set; }

    internal void Keep(double[] x, double[] lowerDuals, double[] upperDuals, double[] rowDuals, double scale, sbyte[] state)
    {
        State = state;
        X = x;
        LowerDuals = lowerDuals;
        UpperDuals = upperDuals;
        RowDuals = rowDuals;
        Scale = scale;
    }
}
