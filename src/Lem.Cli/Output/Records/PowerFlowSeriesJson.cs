namespace Lem.Cli.Output.Records;

/// <summary><c>lem pf --loads … --format json</c>: a time series of load snapshots.</summary>
/// <param name="File">The network file as given.</param>
/// <param name="Loads">The load snapshots' file as given.</param>
/// <param name="Algorithm">nr or bfs.</param>
/// <param name="Converged">Whether every step converged.</param>
/// <param name="StepCount">Steps.</param>
/// <param name="TotalSeconds">Wall time of the series, s.</param>
/// <param name="MsPerStep">Wall time per step, ms (0 without steps).</param>
/// <param name="Steps">Every step.</param>
public sealed record PowerFlowSeriesJson(string File, string Loads, string Algorithm, bool Converged, int StepCount, double TotalSeconds, double MsPerStep, IReadOnlyList<PowerFlowStepJson> Steps);
