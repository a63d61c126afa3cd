namespace Lem.Markets.Stochastic;

/// <summary>The stochastic pool's fields of <c>summary.json</c> (docs/mechanisms/stochastic-pool.md#outputs), EUR over the horizon.</summary>
/// <param name="Alpha">α.</param>
/// <param name="Beta">β.</param>
/// <param name="Scenarios">K, the scenarios kept.</param>
/// <param name="Samples">N, the scenarios sampled.</param>
/// <param name="ForecastError">σ.</param>
/// <param name="Correlation">ρ.</param>
/// <param name="Seed">The seed.</param>
/// <param name="ExpectedCostEur">E[C].</param>
/// <param name="CvarEur">CVaR_α[C].</param>
/// <param name="VarEur">VaR_α[C].</param>
/// <param name="ObjectiveEur">(1 − β)·E + β·CVaR (RP).</param>
/// <param name="EevEur">The expected-value first stage's objective under the scenarios, or null when infeasible.</param>
/// <param name="WaitAndSeeEur">The wait-and-see objective.</param>
/// <param name="VssEur">EEV − RP, or null when EEV is infeasible.</param>
/// <param name="EvpiEur">RP − WS.</param>
/// <param name="ReductionDistance">The Kantorovich distance of the reduction (MW, Euclidean over series and slots).</param>
/// <param name="Variables">LP variables of the recourse problem.</param>
/// <param name="Constraints">LP constraints of the recourse problem.</param>
public sealed record StochasticSummary(
    double Alpha,
    double Beta,
    int Scenarios,
    int Samples,
    double ForecastError,
    double Correlation,
    ulong Seed,
    double ExpectedCostEur,
    double CvarEur,
    double VarEur,
    double ObjectiveEur,
    double? EevEur,
    double WaitAndSeeEur,
    double? VssEur,
    double EvpiEur,
    double ReductionDistance,
    int Variables,
    int Constraints);
