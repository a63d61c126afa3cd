using Lem.Optimization;
using Lem.Optimization.Highs;
using Lem.Optimization.InteriorPoint;

namespace Lem.Optimization.Tests;

/// <summary>The interior point QP back end against HiGHS on the same models: random QPs, LPs and storage chains.</summary>
public sealed class InteriorPointTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RandomStrictlyConvexQp_MatchesHighsInValuesObjectiveAndDuals(int seed)
    {
        var model = RandomQp(seed, quadratic: true);

        var ipm = new InteriorPointSolver().Solve(model);
        var highs = new HighsSolver().Solve(model, SolverOptions.Default with { Tolerance = 1e-10 });

        Assert.Equal(SolveStatus.Optimal, highs.Status);
        Assert.Equal(SolveStatus.Optimal, ipm.Status);
        Assert.Equal(highs.Objective, ipm.Objective, 1e-6 * (1 + Math.Abs(highs.Objective)));
        for (var j = 0; j < model.Variables.Count; j++)
        {
            Assert.Equal(highs.Values[j], ipm.Values[j], 1e-5);
        }

        // Strictly convex with linearly independent rows: unique multipliers, same convention as the HiGHS back end.
        for (var r = 0; r < model.Constraints.Count; r++)
        {
            Assert.Equal(highs.Duals[r], ipm.Duals[r], 1e-4 * (1 + Math.Abs(highs.Duals[r])));
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void RandomLp_ReachesTheHighsObjective(int seed)
    {
        var model = RandomQp(seed, quadratic: false);

        var ipm = new InteriorPointSolver().Solve(model);
        var highs = new HighsSolver().Solve(model);

        Assert.Equal(SolveStatus.Optimal, ipm.Status);
        Assert.Equal(highs.Objective, ipm.Objective, 1e-6 * (1 + Math.Abs(highs.Objective)));
    }

    [Fact]
    public void StorageChainWithAnEnergyWindow_FactorsAsANarrowBandPlusOneDenseRow_AndMatchesHighs()
    {
        // A battery (charge, discharge, state of charge over 96 slots), a flexible load with one energy budget over
        // the day, and a quadratic pull of the net injection towards a target: the shape of an agent's local problem.
        const int slots = 96;
        var model = new OptimizationModel("storage chain");
        var random = new Random(7);
        var x = new Variable[slots];
        Variable previous = default;
        var energy = new LinearExpression();
        for (var t = 0; t < slots; t++)
        {
            var ch = model.AddVariable(0, 5, $"ch[{t}]");
            var dis = model.AddVariable(0, 5, $"dis[{t}]");
            var soc = model.AddVariable(1, 10, $"soc[{t}]");
            var flex = model.AddVariable(0, 3, $"flex[{t}]");
            x[t] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"x[{t}]");
            var dynamics = new LinearExpression().Add(soc, 1).Add(ch, -0.95 * 0.25).Add(dis, 0.25 / 0.95);
            if (t > 0)
            {
                dynamics.Add(previous, -1);
            }

            model.AddEquality(dynamics, t == 0 ? 5 : 0, $"soc_balance[{t}]");
            previous = soc;
            energy.Add(flex, 0.25);
            var load = 1 + random.NextDouble();
            model.AddEquality(new LinearExpression().Add(x[t], 1).Add(dis, -1).Add(ch, 1).Add(flex, 1), -load, $"injection[{t}]");
        }

        model.AddEquality(energy, 12, "flex_energy");
        var objective = new LinearExpression();
        for (var t = 0; t < slots; t++)
        {
            var target = 4 * Math.Sin(2 * Math.PI * t / slots);
            model.AddQuadraticObjective(x[t], x[t], 0.5);
            objective.Add(x[t], -target);
        }

        model.SetObjective(objective);

        var qp = new InteriorPointQp(model);
        var (lin, quad) = InteriorPointSolver.Objective(model);
        var ipm = qp.Solve(lin, quad);
        var highs = new HighsSolver().Solve(model, SolverOptions.Default with { Tolerance = 1e-10 });

        Assert.Equal(1, qp.DenseRows);
        Assert.InRange(qp.Bandwidth, 1, 6);
        Assert.Equal(SolveStatus.Optimal, ipm.Status);
        Assert.Equal(highs.Objective, ipm.Objective + model.Objective.Constant, 1e-6 * (1 + Math.Abs(highs.Objective)));
        for (var t = 0; t < slots; t++)
        {
            Assert.Equal(highs.Value(x[t]), ipm.Value(x[t]), 1e-5);
        }

        // Solving again with a new objective reuses the structure and gives the new optimum.
        for (var j = 0; j < lin.Length; j++)
        {
            lin[j] *= -1;
        }

        var again = qp.Solve(lin, quad);
        Assert.Equal(SolveStatus.Optimal, again.Status);
        Assert.NotEqual(ipm.Value(x[10]), again.Value(x[10]), 1e-3);
    }

    [Fact]
    public void RowThatCannotHoldWithFixedVariables_IsInfeasible()
    {
        var model = new OptimizationModel("fixed");
        var a = model.AddVariable(2, 2, "a");
        var b = model.AddVariable(0, 1, "b");
        model.AddEquality(new LinearExpression().Add(a, 1), 3, "a = 3");
        model.AddLessOrEqual(new LinearExpression().Add(b, 1), 1, "b ≤ 1");
        model.SetObjective(new LinearExpression().Add(b, 1));

        var solution = new InteriorPointSolver().Solve(model);

        Assert.Equal(SolveStatus.Infeasible, solution.Status);
        Assert.Contains("a = 3", solution.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IntegerOrCrossTermModels_AreRefusedWithAReason()
    {
        var model = new OptimizationModel("cross");
        var a = model.AddVariable(0, 1, "a");
        var b = model.AddVariable(0, 1, "b");
        model.AddQuadraticObjective(a, b, 1.0);

        Assert.Contains("diagonal", new InteriorPointSolver().CannotSolve(model), StringComparison.Ordinal);
        Assert.Equal("ipm", Solvers.ByName("ipm").Name);
    }

    /// <summary>A feasible random model: equality rows through a known interior point, range rows around it, mixed bounds.</summary>
    private static OptimizationModel RandomQp(int seed, bool quadratic)
    {
        var random = new Random(seed);
        var n = 30 + random.Next(30);
        var model = new OptimizationModel($"random {seed}");
        var point = new double[n];
        var vars = new Variable[n];
        for (var j = 0; j < n; j++)
        {
            point[j] = (random.NextDouble() * 4) - 2;
            var kind = random.Next(4);
            var lower = kind is 0 or 1 ? point[j] - random.NextDouble() - 0.1 : double.NegativeInfinity;
            var upper = kind is 0 or 2 ? point[j] + random.NextDouble() + 0.1 : double.PositiveInfinity;
            if (!quadratic)
            {
                // A bounded LP: every variable in a box around the feasible point.
                lower = point[j] - 1 - random.NextDouble();
                upper = point[j] + 1 + random.NextDouble();
            }

            vars[j] = model.AddVariable(lower, upper, $"v{j}");
        }

        var equalities = n / 4;
        for (var r = 0; r < n / 2; r++)
        {
            var e = new LinearExpression();
            var value = 0.0;
            foreach (var j in Enumerable.Range(0, 4).Select(_ => random.Next(n)).Distinct())
            {
                var a = (random.NextDouble() * 2) - 1;
                e.Add(vars[j], a);
                value += a * point[j];
            }

            if (r < equalities)
            {
                model.AddEquality(e, value, $"eq{r}");
            }
            else
            {
                model.AddConstraint(e, value - random.NextDouble(), value + random.NextDouble(), $"range{r}");
            }
        }

        var objective = new LinearExpression();
        for (var j = 0; j < n; j++)
        {
            objective.Add(vars[j], (random.NextDouble() * 10) - 5);
            if (quadratic)
            {
                model.AddQuadraticObjective(vars[j], vars[j], 0.1 + random.NextDouble());
            }
        }

        model.SetObjective(objective);
        return model;
    }
}
