using Lem.Markets.Stochastic;
using Lem.Testing;

namespace Lem.Markets.Tests.Stochastic;

/// <summary>The §10 worked example (docs/mechanisms/stochastic-pool.md#worked-example), exactly.</summary>
public sealed class StochasticWorkedExampleTests
{
    private const double Tol = 1e-6;

    private static void AssertCase(StochasticSolution r, double g1, double g2, double windDa, double[] costs, double expected, double cvar)
    {
        Assert.True(r.IsOptimal, r.Message);
        Approx.Equal(g1, r.FirstStage.UnitsMw![0], Tol, what: "g1");
        Approx.Equal(g2, r.FirstStage.UnitsMw[1], Tol, what: "g2");
        Approx.Equal(windDa, r.FirstStage.RenewablesMw![0][0], Tol, what: "W_DA");
        Approx.Equal(costs[0], r.ScenarioCostsEur[0], Tol, what: "C_1");
        Approx.Equal(costs[1], r.ScenarioCostsEur[1], Tol, what: "C_2");
        Approx.Equal(expected, r.ExpectedCostEur, Tol, what: "E");
        Approx.Equal(cvar, r.CvarEur, Tol, what: "CVaR");
    }

    [Fact]
    public void RiskNeutral_SchedulesWindAtItsHighScenario()
    {
        var r = StochasticSolver.Solve(StochasticWorkedExample.Problem, StochasticWorkedExample.Scenarios, RiskObjective.Neutral);

        AssertCase(r, g1: 40, g2: 0, windDa: 60, costs: [4000, 800], expected: 1120, cvar: 4000);
    }

    [Fact]
    public void RiskAverse_SchedulesWindAtItsLowQuantile()
    {
        var objective = new RiskObjective(0.9, 0.5);
        var r = StochasticSolver.Solve(StochasticWorkedExample.Problem, StochasticWorkedExample.Scenarios, objective);

        AssertCase(r, g1: 70, g2: 10, windDa: 20, costs: [1800, 1460], expected: 1494, cvar: 1800);

        // VaR is the 0.9 quantile, here the high-wind scenario's cost (any η in [1460, 1800] minimises the linearisation).
        Approx.Equal(1460, r.VarEur, Tol, what: "VaR");
        Approx.Equal((0.5 * 1494) + (0.5 * 1800), r.ObjectiveEur, Tol, what: "objective");
    }

    [Fact]
    public void FixedWindSchedule_IsEvaluatedOnTheEevPath()
    {
        var fix = new FirstStage(RenewablesMw: [[30.0]]);
        var r = StochasticSolver.Solve(StochasticWorkedExample.Problem, StochasticWorkedExample.Scenarios, RiskObjective.Neutral, fix);

        Assert.True(r.IsOptimal, r.Message);
        Approx.Equal(30, r.FirstStage.RenewablesMw![0][0], Tol, what: "W_DA");
        Approx.Equal(1162, r.ExpectedCostEur, Tol, what: "E");
        Approx.Equal(2800, r.CvarEur, Tol, what: "CVaR");
    }

    [Fact]
    public void RealTimePrices_AreTheMarginalRegulationCosts()
    {
        var r = StochasticSolver.Solve(StochasticWorkedExample.Problem, StochasticWorkedExample.Scenarios, RiskObjective.Neutral);

        // Risk-neutral. One more MWh of demand in the low-wind scenario is G2's up-regulation at 80 (π₁·80 / π₁). One
        // more MWh in the high-wind scenario is cheaper through the first stage: schedule 1 MWh less wind and 1 MWh more
        // of G1 (+20), which saves 80 in the low-wind scenario (−0.1·80) and leaves the MWh of wind free in the high-wind
        // one: 12 EUR in expectation, so λRT₂ = 12 / π₂.
        Approx.Equal(80, r.RealTimePricesEurPerMwh[0][0], Tol, what: "λRT_1");
        Approx.Equal(12 / 0.9, r.RealTimePricesEurPerMwh[1][0], Tol, what: "λRT_2");

        // Day-ahead: one more MWh of demand goes to G1 (20, below its limit of 70).
        Approx.Equal(20, r.DayAheadPricesEurPerMwh[0], Tol, what: "λDA");
    }

    [Fact]
    public void RiskNeutral_VssAndEvpi_MatchTheHandComputation()
    {
        var e = StochasticSolver.Evaluate(StochasticWorkedExample.Problem, StochasticWorkedExample.Scenarios, RiskObjective.Neutral);

        // EV: mean wind 0.1·20 + 0.9·60 = 56, so g1 = 44, W_DA = 56 (cost 880). Fixed under the scenarios: 36 of G2's
        // up-regulation at 80 in the low-wind scenario (3760), 4 spilled in the high-wind one (880): EEV = 1168.
        Approx.Equal(56, e.ExpectedValue.FirstStage.RenewablesMw![0][0], Tol, what: "W_DA of EV");
        Approx.Equal(1168, e.ExpectedValueEvaluated!.ObjectiveEur, Tol, what: "EEV");
        Approx.Equal(1168 - 1120, e.VssEur, Tol, what: "VSS");

        // WS: with 20 of wind G1 runs at 70 and G2 at 10 (1800); with 60, G1 at 40 (800): 0.1·1800 + 0.9·800 = 900.
        Approx.Equal(900, e.WaitAndSee.ObjectiveEur, Tol, what: "WS");
        Approx.Equal(1120 - 900, e.EvpiEur, Tol, what: "EVPI");
    }
}
