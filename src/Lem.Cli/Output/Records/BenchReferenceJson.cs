namespace Lem.Cli.Output.Records;

/// <summary>The published power-flow figures <c>lem bench pf</c> is compared with (not measured in the run).</summary>
/// <param name="PandapowerSnapshotMs">pandapower per snapshot, ms.</param>
/// <param name="PandapowerTimeseriesS">pandapower for the 1000-step series, s.</param>
/// <param name="PowerGridModelTimeseriesS">power-grid-model for the 1000-step series, s.</param>
/// <param name="Note">Where the figures come from.</param>
public sealed record BenchReferenceJson(double PandapowerSnapshotMs, double PandapowerTimeseriesS, double PowerGridModelTimeseriesS, string Note);
