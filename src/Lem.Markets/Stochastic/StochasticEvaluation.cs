namespace Lem.Markets.Stochastic;

/// <summary>
/// The recourse problem and its two bounds (docs/mechanisms/stochastic-pool.md#vss-and-evpi), objectives in EUR:
/// RP (the stochastic solution), EEV (the expected-value problem's first stage fixed and evaluated under the scenarios)
/// and WS (wait-and-see: every scenario with its own first stage). VSS = EEV − RP ≥ 0 and EVPI = RP − WS ≥ 0.
/// </summary>
/// <param name="Recourse">The stochastic solution (RP).</param>
/// <param name="ExpectedValue">The expected-value problem's solution (one mean scenario).</param>
/// <param name="ExpectedValueEvaluated">The expected-value first stage evaluated under the scenarios (EEV), or null when infeasible.</param>
/// <param name="WaitAndSee">The wait-and-see solution.</param>
public sealed record StochasticEvaluation(StochasticSolution Recourse, StochasticSolution ExpectedValue, StochasticSolution? ExpectedValueEvaluated, StochasticSolution WaitAndSee)
{
    /// <summary>VSS = EEV − RP, EUR; +∞ when the expected-value first stage is infeasible under some scenario.</summary>
    public double VssEur => ExpectedValueEvaluated is { IsOptimal: true } eev ? eev.ObjectiveEur - Recourse.ObjectiveEur : double.PositiveInfinity;

    /// <summary>EVPI = RP − WS, EUR.</summary>
    public double EvpiEur => Recourse.ObjectiveEur - WaitAndSee.ObjectiveEur;
}
