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

    /// <summary>Solves that started cold (no solution held, or the warm start stopped short and was repeated cold).</summary>
    public int ColdSolves { get; internal set; }

    internal double[]? X { get; private set; }

    internal double[]? LowerDuals { get; private set; }

    internal double[]? UpperDuals { get; private set; }

    internal double[]? RowDuals { get; private set; }

    /// <summary>The objective scale the duals belong to.</summary>
    internal double Scale { get; private set; }

    internal void Keep(double[] x, double[] lowerDuals, double[] upperDuals, double[] rowDuals, double scale)
    {
        X = x;
        LowerDuals = lowerDuals;
        UpperDuals = upperDuals;
        RowDuals = rowDuals;
        Scale = scale;
    }
}
