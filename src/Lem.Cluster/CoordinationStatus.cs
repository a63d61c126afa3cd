namespace Lem.Cluster;

/// <summary>A coordinator grain's answer to <see cref="ICoordinatorGrain.Poll"/>.</summary>
/// <param name="State">Where the run stands.</param>
/// <param name="ResultBytes">When <see cref="CoordinationState.Completed"/>: the size of the encoded <see cref="ClusterRun"/>, read in parts with <see cref="ICoordinatorGrain.ResultPart"/> (a P2P result of thousands of agents exceeds Orleans' largest message).</param>
/// <param name="Error">The failure when <see cref="CoordinationState.Failed"/>.</param>
/// <param name="ErrorIsArgument">Whether the failure is the mechanism's <see cref="ArgumentException"/> (bad options or market) rather than an <see cref="InvalidOperationException"/>.</param>
/// <param name="Notes">What happened since the last poll (agents recovered), one line each.</param>
/// <param name="Phase">The last progress report's phase, or null.</param>
/// <param name="Done">The last progress report's count done.</param>
/// <param name="Total">The last progress report's total, or null.</param>
/// <param name="Measures">The last progress report's measures (residuals, ρ), or null.</param>
[GenerateSerializer]
[Immutable]
public sealed record CoordinationStatus(
    [property: Id(0)] CoordinationState State,
    [property: Id(1)] long ResultBytes = 0,
    [property: Id(2)] string? Error = null,
    [property: Id(3)] bool ErrorIsArgument = false,
    [property: Id(4)] string[]? Notes = null,
    [property: Id(5)] string? Phase = null,
    [property: Id(6)] long Done = 0,
    [property: Id(7)] long? Total = null,
    [property: Id(8)] Dictionary<string, double>? Measures = null);
