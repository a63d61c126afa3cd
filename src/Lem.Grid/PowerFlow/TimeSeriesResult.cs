namespace Lem.Grid.PowerFlow;

/// <summary>The outcome of a <see cref="PowerFlowTimeSeries"/> run.</summary>
/// <param name="Steps">One result per profile step, in profile order.</param>
/// <param name="Algorithm">The algorithm of the solvers used.</param>
/// <param name="WorkerCount">The number of worker threads used.</param>
/// <param name="TotalSeconds">Wall time of the run in seconds (building the per-run tables, solving and evaluating all steps).</param>
public sealed record TimeSeriesResult(IReadOnlyList<StepResult> Steps, PowerFlowAlgorithm Algorithm, int WorkerCount, double TotalSeconds)
{
    /// <summary>The number of steps that converged.</summary>
    public int ConvergedCount => Steps.Count(s => s.Status == PowerFlowStatus.Converged);

    /// <summary>True when every step converged.</summary>
    public bool AllConverged => Steps.All(s => s.Status == PowerFlowStatus.Converged);
}
