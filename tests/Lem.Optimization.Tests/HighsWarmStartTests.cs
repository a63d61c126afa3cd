using Lem.Optimization;
using Lem.Optimization.Highs;
using Lem.Testing;

namespace Lem.Optimization.Tests;

/// <summary>
/// Warm starts (<see cref="SolverOptions.StartBasis"/>, <see cref="Solution.Basis"/>): a household battery LP over 96
/// slots solved for ten "days" of random prices and loads, each day cold and warm-started from the previous day's basis.
/// The warm solve must reach the cold solve's optimum (the objective, and an optimality certificate of its own) and,
/// over the ten days, in fewer simplex iterations; a basis that does not fit the model is ignored.
/// </summary>
public sealed class HighsWarmStartTests
{
    private const int Slots = 96;

    [Fact]
    public void A_warm_start_from_yesterdays_basis_reaches_the_cold_optimum_in_fewer_iterations()
    {
        var random = new Random(17);
        var options = SolverOptions.Default with { Presolve = false };
        SimplexBasis? basis = null;
        int cold = 0, warm = 0;
        for (var day = 0; day < 10; day++)
        {
            var model = Battery(random);
            var coldSolution = new HighsSolver().Solve(model, options);
            Assert.Equal(SolveStatus.Optimal, coldSolution.Status);
            Assert.NotNull(coldSolution.Basis);
            Assert.True(coldSolution.Basis!.Fits(model));

            // A basis has exactly one basic variable (column or row slack) per row.
            Assert.Equal(model.Constraints.Count, coldSolution.Basis.ColumnStatus.Count(s => s == 1) + coldSolution.Basis.RowStatus.Count(s => s == 1));

            var warmSolution = new HighsSolver().Solve(model, options with { StartBasis = basis });
            Approx.Equal(coldSolution.Objective, warmSolution.Objective, 1e-9, 1e-9, what: $"day {day}: warm vs cold objective");
            DualConventionCertificate.Assert(model, warmSolution);
            if (day > 0)
            {
                cold += coldSolution.Iterations;
                warm += warmSolution.Iterations;
            }

            basis = warmSolution.Basis;
        }

        Assert.True(warm < cold, $"warm-started days took {warm} simplex iterations, cold ones {cold}");
    }

    [Fact]
    public void A_basis_of_another_shape_is_ignored()
    {
        var random = new Random(3);
        var options = SolverOptions.Default with { Presolve = false };
        var small = new OptimizationModel("small");
        var x = small.AddVariable(0, 1, "x");
        small.AddLessOrEqual(new LinearExpression().Add(x, 1.0), 0.5, "cap");
        small.SetObjective(new LinearExpression().Add(x, -1.0));
        var smallBasis = new HighsSolver().Solve(small, options).Basis;
        Assert.NotNull(smallBasis);

        var model = Battery(random);
        Assert.False(smallBasis!.Fits(model));
        var cold = new HighsSolver().Solve(model, options);
        var withForeign = new HighsSolver().Solve(model, options with { StartBasis = smallBasis });
        Assert.Equal(cold.Iterations, withForeign.Iterations);
        Assert.Equal(cold.Objective, withForeign.Objective);
    }

    /// <summary>
    /// A 96-slot battery behind the meter: import m ≥ 0 at π^buy, export x ≥ 0 at π^sell ≤ π^buy, charge c and
    /// discharge d ≤ 5 kW, state of charge 0 ≤ s ≤ 10 kWh with 95 % efficiency each way, load and PV random.
    /// </summary>
    private static OptimizationModel Battery(Random random)
    {
        var model = new OptimizationModel("battery");
        var objective = new LinearExpression();
        Variable? previous = null;
        for (var t = 0; t < Slots; t++)
        {
            var buy = 0.2 + (0.2 * random.NextDouble());
            var sell = buy * random.NextDouble();
            var net = (3 * random.NextDouble()) - (4 * random.NextDouble() * Math.Max(0, Math.Sin(Math.PI * t / Slots)));
            var m = model.AddVariable(0, double.PositiveInfinity, $"m[{t}]");
            var xOut = model.AddVariable(0, double.PositiveInfinity, $"x[{t}]");
            var c = model.AddVariable(0, 5, $"c[{t}]");
            var d = model.AddVariable(0, 5, $"d[{t}]");
            var s = model.AddVariable(0, 10, $"s[{t}]");
            model.AddEquality(new LinearExpression().Add(m, 1).Add(xOut, -1).Add(d, 1).Add(c, -1), net, $"balance[{t}]");
            var soc = new LinearExpression().Add(s, 1).Add(c, -0.25 * 0.95).Add(d, 0.25 / 0.95);
            if (previous is { } p)
            {
                soc.Add(p, -1);
            }

            model.AddEquality(soc, previous is null ? 5 : 0, $"soc[{t}]");
            objective.Add(m, buy * 0.25).Add(xOut, -sell * 0.25);
            previous = s;
        }

        model.SetObjective(objective);
        return model;
    }
}
