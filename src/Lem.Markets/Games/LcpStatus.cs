namespace Lem.Markets.Games;

/// <summary>How Lemke's algorithm ended.</summary>
public enum LcpStatus
{
    /// <summary>The artificial variable left the basis: z solves the LCP.</summary>
    Solved,

    /// <summary>The entering column had no positive entry: a secondary ray, no solution found (for a copositive-plus M: the LCP is infeasible).</summary>
    RayTermination,

    /// <summary>The pivot limit was reached.</summary>
    PivotLimit,
}
