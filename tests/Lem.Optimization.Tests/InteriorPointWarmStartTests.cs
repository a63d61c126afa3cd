using Lem.Optimization;
using Lem.Optimization.InteriorPoint;

namespace Lem.Optimization.Tests;

/// <summary>
/// Warm starts of <see cref="InteriorPointQp"/> (docs/mechanisms/admm.md#acceleration): a sequence of proximal steps of
/// a battery agent, each target a little moved from the last, as ADMM asks them.
/// </summary>
public sealed class InteriorPointWarmStartTests
{
    private const int Slots = 48;

    [Fact]
    public void ASequenceOfNearbyProximalSteps_WarmStarted_MatchesColdSolves_InFewerNewtonSteps()
    {
        var (model, x) = Battery();
        var warmQp = new InteriorPointQp(model);
        var coldQp = new InteriorPointQp(model);
        var start = new InteriorPointStart();
        var (linear, _) = InteriorPointSolver.Objective(model);
        var options = SolverOptions.Default with { Tolerance = 1e-10 };
        int warmIterations = 0, coldIterations = 0;
        for (var step = 0; step < 12; step++)
        {
            // min cost + ρ/2‖x − v‖²: linear −ρv on x, quadratic ρ; v drifts like an ADMM target.
            var rho = step < 6 ? 1.0 : 2.0;
            var lin = (double[])linear.Clone();
            var quad = new double[lin.Length];
            for (var t = 0; t < Slots; t++)
            {
                var v = (3 * Math.Sin((2 * Math.PI * t / Slots) + (0.05 * step))) - (0.1 * step);
                quad[x[t].Index] = rho;
                lin[x[t].Index] -= rho * v;
            }

            var warm = warmQp.Solve(lin, quad, options, start);
            var cold = coldQp.Solve(lin, quad, options);
            Assert.Equal(SolveStatus.Optimal, warm.Status);
            Assert.Equal(SolveStatus.Optimal, cold.Status);
            Assert.Equal(cold.Objective, warm.Objective, 1e-7 * (1 + Math.Abs(cold.Objective)));
            for (var t = 0; t < Slots; t++)
            {
                Assert.Equal(cold.Value(x[t]), warm.Value(x[t]), 1e-5); // both within the method's accuracy of the kink at 0
            }

            if (step > 0)
            {
                warmIterations += warm.Iterations;
                coldIterations += cold.Iterations;
            }
        }

        Assert.Equal(11, start.WarmSolves);
        Assert.Equal(1, start.ColdSolves);
        Assert.True(warmIterations < coldIterations, $"warm {warmIterations} Newton steps, cold {coldIterations}");
    }

    [Fact]
    public void AStartHeldForAnotherShape_IsIgnored()
    {
        var (model, x) = Battery();
        var (other, y) = Battery(slots: 10);
        var start = new InteriorPointStart();
        var (otherLinear, otherQuad) = InteriorPointSolver.Objective(other);
        foreach (var v in y)
        {
            otherQuad[v.Index] = 1;
        }

        Assert.Equal(SolveStatus.Optimal, new InteriorPointQp(other).Solve(otherLinear, otherQuad, SolverOptions.Default, start).Status);

        var (linear, quad) = InteriorPointSolver.Objective(model);
        foreach (var v in x)
        {
            quad[v.Index] = 1;
        }

        var solution = new InteriorPointQp(model).Solve(linear, quad, SolverOptions.Default, start);
        var reference = new InteriorPointQp(model).Solve(linear, quad);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Assert.Equal(2, start.ColdSolves);
        Assert.Equal(reference.Objective, solution.Objective, 1e-9);
    }

    /// <summary>A battery (charge, discharge, state of charge) with a time-varying energy price; x = discharge − charge.</summary>
    private static (OptimizationModel Model, Variable[] X) Battery(int slots = Slots)
    {
        var model = new OptimizationModel("battery agent");
        var x = new Variable[slots];
        var objective = new LinearExpression();
        Variable previous = default;
        for (var t = 0; t < slots; t++)
        {
            var ch = model.AddVariable(0, 5, $"ch[{t}]");
            var dis = model.AddVariable(0, 5, $"dis[{t}]");
            var soc = model.AddVariable(1, 10, $"soc[{t}]");
            x[t] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"x[{t}]");
            var dynamics = new LinearExpression().Add(soc, 1).Add(ch, -0.95 * 0.25).Add(dis, 0.25 / 0.95);
            if (t > 0)
            {
                dynamics.Add(previous, -1);
            }

            model.AddEquality(dynamics, t == 0 ? 5 : 0, $"soc[{t}]");
            model.AddEquality(new LinearExpression().Add(x[t], 1).Add(dis, -1).Add(ch, 1), 0, $"x[{t}]");
            objective.Add(ch, 0.01).Add(dis, 0.01);
            previous = soc;
        }

        model.SetObjective(objective);
        return (model, x);
    }
}
