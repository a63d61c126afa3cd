namespace Lem.Markets.Pool;

/// <summary>How a pool clearing ended.</summary>
public enum PoolStatus
{
    /// <summary>Cleared: dispatch, prices and welfare are available.</summary>
    Optimal,

    /// <summary>No dispatch meets every constraint; the result's message names the likely cause.</summary>
    Infeasible,

    /// <summary>Welfare can grow without bound (an export price above the import price without limits, for example).</summary>
    Unbounded,

    /// <summary>The input cannot be cleared as given, or the solver failed; the message says why.</summary>
    Error,
}
