using FsCheck;
using FsCheck.Xunit;
using Lem.Domain.Sampling;
using Lem.Markets.Stochastic;
using Lem.Testing;

namespace Lem.Markets.Tests.Stochastic;

/// <summary>
/// Bounds that hold for every two-stage problem (docs/mechanisms/stochastic-pool.md#vss-and-evpi): the expected-value
/// first stage can do no better than the recourse problem (VSS ≥ 0), and knowing the scenario in advance can do no worse
/// (EVPI ≥ 0); and the reported CVaR is the Rockafellar–Uryasev minimum over η.
/// </summary>
public sealed class StochasticPropertyTests
{
    private const double Tol = 1e-6;

    [Property(MaxTest = 30)]
    public void VssAndEvpi_AreNonNegative(ulong seed)
    {
        var (problem, scenarios, objective) = RandomInstance(seed);
        var e = StochasticSolver.Evaluate(problem, scenarios, objective);

        Assert.True(e.Recourse.IsOptimal, e.Recourse.Message);
        Assert.True(e.WaitAndSee.IsOptimal, e.WaitAndSee.Message);
        Assert.True(e.ExpectedValueEvaluated is { IsOptimal: true }, "the instances have complete recourse");
        Assert.True(e.VssEur >= -Tol * Math.Max(1, Math.Abs(e.Recourse.ObjectiveEur)), $"VSS = {e.VssEur}");
        Assert.True(e.EvpiEur >= -Tol * Math.Max(1, Math.Abs(e.Recourse.ObjectiveEur)), $"EVPI = {e.EvpiEur}");
    }

    [Property(MaxTest = 20)]
    public void ReportedCvar_IsTheMinimumOverEta(ulong seed)
    {
        var (problem, scenarios, objective) = RandomInstance(seed);
        var r = StochasticSolver.Solve(problem, scenarios, objective);
        Assert.True(r.IsOptimal, r.Message);

        // min over η of η + 1/(1−α)·Σ π_s (C_s − η)⁺ is attained at one of the scenario costs (a piecewise-linear convex function).
        var p = r.Probabilities;
        var naive = r.ScenarioCostsEur.Min(eta => eta + (r.ScenarioCostsEur.Select((c, s) => p[s] * Math.Max(0, c - eta)).Sum() / (1 - objective.Alpha)));
        Approx.Equal(naive, r.CvarEur, 1e-6, relTol: 1e-9, what: "CVaR");
        Assert.True(r.CvarEur >= r.ExpectedCostEur - 1e-6, "CVaR ≥ E");
        Assert.True(r.CvarEur >= r.VarEur - 1e-6, "CVaR ≥ VaR");
    }

    /// <summary>Two slots, three producers (some regulating), one demand, one renewable, one load, an outside market with unlimited export (complete recourse), 2–4 scenarios.</summary>
    private static (StochasticProblem, IReadOnlyList<StochasticScenario>, RiskObjective) RandomInstance(ulong seed)
    {
        var r = new SplitMix64(seed);
        const int n = 2;
        var units = Enumerable.Range(0, 3).Select(i =>
        {
            var cost = r.Uniform(10, 60);
            return new StochasticUnit($"u{i}", null, r.Next(n), r.Uniform(10, 60), cost, r.NextDouble() < 0.5 ? cost + r.Uniform(0, 50) : null, r.NextDouble() < 0.5 ? cost - r.Uniform(0, 20) : null);
        }).ToList();
        var demands = new List<StochasticDemand> { new("d", null, r.Next(n), r.Uniform(0, 30), r.Uniform(50, 150)) };
        var renewable = new StochasticRenewable("w", null, 50, [r.Uniform(0, 50), r.Uniform(0, 50)], r.NextDouble() < 0.5 ? 0 : r.Uniform(0, 10));
        var load = new StochasticLoad("l", null, [r.Uniform(20, 80), r.Uniform(20, 80)]);
        var import = new[] { r.Uniform(30, 80), r.Uniform(30, 80) };
        var outside = new StochasticOutside(import, [.. import.Select(x => x - 5)], [.. import.Select(x => x + 20)], [.. import.Select(x => x - 25)], r.NextDouble() < 0.5 ? 30 : double.PositiveInfinity, double.PositiveInfinity);
        var problem = new StochasticProblem(n, 1.0, units, demands, [renewable], [load], outside, 1000);
        var k = 2 + r.Next(3);
        var weights = Enumerable.Range(0, k).Select(_ => r.Uniform(0.1, 1)).ToArray();
        var scenarios = weights.Select(w => new StochasticScenario(
            w / weights.Sum(),
            [new double[] { r.Uniform(0, 50), r.Uniform(0, 50) }],
            [new double[] { load.ForecastMw[0] * r.Uniform(0.8, 1.2), load.ForecastMw[1] * r.Uniform(0.8, 1.2) }])).ToList();
        double[] alphas = [0.8, 0.9, 0.95];
        double[] betas = [0, 0.3, 1];
        return (problem, scenarios, new RiskObjective(alphas[r.Next(3)], betas[r.Next(3)]));
    }
}
