namespace Lem.Grid.ThreePhase.Import;

/// <summary>The loads of a three-phase network over time, when its format has profiles (the IEEE European LV feeder's one-minute profiles).</summary>
public sealed record ThreePhaseLoadSeries
{
    /// <summary>The number of steps; steps are numbered 1..<see cref="Steps"/>.</summary>
    public required int Steps { get; init; }

    /// <summary>What a step is, e.g. <c>minute</c>.</summary>
    public string StepName { get; init; } = "step";

    /// <summary>The loads of a step (1-based), in the order of the network's loads.</summary>
    public required Func<int, IReadOnlyList<ThreePhaseLoad>> LoadsAt { get; init; }
}
