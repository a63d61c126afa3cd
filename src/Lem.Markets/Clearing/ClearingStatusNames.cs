namespace Lem.Markets.Clearing;

/// <summary>The names of <see cref="ClearingStatus"/> values in outputs (snake case).</summary>
public static class ClearingStatusNames
{
    /// <summary>The output name of a status.</summary>
    public static string Of(ClearingStatus status) => status switch
    {
        ClearingStatus.Optimal => "optimal",
        ClearingStatus.Converged => "converged",
        ClearingStatus.IterationLimit => "iteration_limit",
        ClearingStatus.Diverging => "diverging",
        ClearingStatus.Infeasible => "infeasible",
        ClearingStatus.Unbounded => "unbounded",
        _ => "error",
    };
}
