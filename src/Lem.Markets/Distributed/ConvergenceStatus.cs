namespace Lem.Markets.Distributed;

/// <summary>How an ADMM run ended.</summary>
public enum ConvergenceStatus
{
    /// <summary>Primal and dual residuals are below their tolerances.</summary>
    Converged,

    /// <summary>The iteration cap was reached first; the last iterate is reported.</summary>
    IterationLimit,

    /// <summary>The residuals grew without bound or became non-finite; the last finite iterate is reported.</summary>
    Diverging,
}
