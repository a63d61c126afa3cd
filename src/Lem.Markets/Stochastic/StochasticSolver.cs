namespace Lem.Markets.Stochastic;

/// <summary>
/// Solves the two-stage clearing (docs/mechanisms/stochastic-pool.md) with the default LP back end (HiGHS): the
/// recourse problem, a given (possibly partial) first stage evaluated under the scenarios, the wait-and-see bound and
/// the expected-value problem.
/// </summary>
public static class StochasticSolver
{
    /// <summary>
    /// The two-stage problem under <paramref name="scenarios"/>; with <paramref name="fix"/>, the given first-stage
    /// decisions are fixed and only the rest is optimised (the EEV evaluation when every part is given).
    /// </summary>
    public static StochasticSolution Solve(StochasticProblem problem, IReadOnlyList<StochasticScenario> scenarios, RiskObjective objective, FirstStage? fix = null, ISolver? solver = null) =>
        Run(problem, scenarios, objective, fix, anticipative: false, solver);

    /// <summary>The wait-and-see problem: the same objective with a first stage of its own in every scenario.</summary>
    public static StochasticSolution WaitAndSee(StochasticProblem problem, IReadOnlyList<StochasticScenario> scenarios, RiskObjective objective, ISolver? solver = null) =>
        Run(problem, scenarios, objective, null, anticipative: true, solver);

    /// <summary>RP, EV, EEV and WS (and so VSS and EVPI) for the scenarios.</summary>
    public static StochasticEvaluation Evaluate(StochasticProblem problem, IReadOnlyList<StochasticScenario> scenarios, RiskObjective objective, ISolver? solver = null)
    {
        var recourse = Solve(problem, scenarios, objective, null, solver);
        var ev = Solve(problem, [StochasticProblem.Mean(scenarios)], objective, null, solver);
        var eev = ev.IsOptimal ? Solve(problem, scenarios, objective, ev.FirstStage, solver) : null;
        var ws = WaitAndSee(problem, scenarios, objective, solver);
        return new StochasticEvaluation(recourse, ev, eev, ws);
    }

    private static StochasticSolution Run(StochasticProblem problem, IReadOnlyList<StochasticScenario> scenarios, RiskObjective objective, FirstStage? fix, bool anticipative, ISolver? solver)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(objective);
        if (scenarios.Count == 0)
        {
            throw new ArgumentException("At least one scenario is needed.", nameof(scenarios));
        }

        var model = new StochasticModel(problem, scenarios, objective, fix, anticipative);
        var solution = (solver ?? Solvers.For(model.Model)).Solve(model.Model, SolverOptions.Default);
        return model.Read(solution, objective);
    }
}
