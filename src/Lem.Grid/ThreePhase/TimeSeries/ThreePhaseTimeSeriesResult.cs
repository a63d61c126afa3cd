namespace Lem.Grid.ThreePhase.TimeSeries;

/// <summary>The outcome of a three-phase time series: one summary per step and the wall-clock time of the solves.</summary>
/// <param name="Steps">The step summaries in step order.</param>
/// <param name="TotalSeconds">The wall-clock time of the whole series (preparation included) in seconds.</param>
public sealed record ThreePhaseTimeSeriesResult(IReadOnlyList<ThreePhaseStepSummary> Steps, double TotalSeconds);
