namespace Lem.Simulation.Compare;

/// <summary>The result of <c>lem compare</c> (docs/comparison.md).</summary>
/// <param name="Source">The name of the day source.</param>
/// <param name="Days">Days compared.</param>
/// <param name="Agents">The agents' strategy.</param>
/// <param name="Forecast">The forecaster.</param>
/// <param name="Redispatch">The redispatch.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Designs">The metrics per design, in the order asked for.</param>
/// <param name="Failures">Designs that could not be simulated.</param>
/// <param name="Scaling">The scaling run, by design and size.</param>
/// <param name="ScalingLimitSeconds">The time limit of the scaling run.</param>
public sealed record ComparisonReport(
    string Source,
    int Days,
    string Agents,
    string Forecast,
    string Redispatch,
    ulong Seed,
    IReadOnlyList<DesignMetrics> Designs,
    IReadOnlyList<DesignFailure> Failures,
    IReadOnlyList<ScalingRow> Scaling,
    double ScalingLimitSeconds);
