using Lem.Optimization;
using Lem.Optimization.Highs;
using Lem.Testing;

namespace Lem.Optimization.Tests;

/// <summary>Mixed-integer programmes with known optima, solved by HiGHS.</summary>
public sealed class HighsMipTests
{
    [Fact]
    public void Knapsack_FindsTheOptimumAndReportsNoDuals()
    {
        // Values (60, 100, 120), weights (10, 20, 30), capacity 50: take items 2 and 3, value 220.
        double[] value = [60, 100, 120];
        double[] weight = [10, 20, 30];
        var model = new OptimizationModel("knapsack");
        var take = new Variable[3];
        var objective = new LinearExpression();
        var load = new LinearExpression();
        for (var i = 0; i < 3; i++)
        {
            take[i] = model.AddBinary($"take {i + 1}");
            objective.Add(take[i], -value[i]);
            load.Add(take[i], weight[i]);
        }

        model.SetObjective(objective);
        model.AddLessOrEqual(load, 50, "capacity");

        var solution = new HighsSolver().Solve(model);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Approx.Equal(-220, solution.Objective, 1e-6);
        Approx.Equal(0, solution.Value(take[0]), 1e-6);
        Approx.Equal(1, solution.Value(take[1]), 1e-6);
        Approx.Equal(1, solution.Value(take[2]), 1e-6);
        Assert.Empty(solution.Duals);
        Assert.Empty(solution.ReducedCosts);
    }

    [Fact]
    public void UnitCommitment_OptimumThenPriceFromTheFixedCommitmentLp()
    {
        var uc = UnitCommitment.Build();
        var solver = new HighsSolver();
        var mip = solver.Solve(uc.Model);

        // A (no-load 100, 10 €/MWh, 50–100 MW) at 100 and B (50, 20 €/MWh, 20–80 MW) at 30: 1750 €.
        Assert.Equal(SolveStatus.Optimal, mip.Status);
        Approx.Equal(1750, mip.Objective, 1e-6);
        double[] on = [1, 1, 0];
        double[] power = [100, 30, 0];
        for (var u = 0; u < 3; u++)
        {
            Approx.Equal(on[u], mip.Value(uc.On[u]), 1e-6, what: $"commitment {u}");
            Approx.Equal(power[u], mip.Value(uc.Power[u]), 1e-6, what: $"power {u}");
        }

        Assert.Empty(mip.Duals);

        // Fix the commitment, relax integrality and re-solve: the balance dual is B's marginal cost.
        for (var u = 0; u < 3; u++)
        {
            var fixedValue = Math.Round(mip.Value(uc.On[u]));
            uc.Model.SetBounds(uc.On[u], fixedValue, fixedValue);
            uc.Model.Relax(uc.On[u]);
        }

        Assert.False(uc.Model.HasIntegers);
        var lp = solver.Solve(uc.Model);
        Assert.Equal(SolveStatus.Optimal, lp.Status);
        Approx.Equal(1750, lp.Objective, 1e-6);
        Approx.Equal(20, lp.Dual(uc.Balance), 1e-6, what: "price");
        DualConventionCertificate.Assert(uc.Model, lp);
    }

    [Fact]
    public void GeneralIntegers_AreRespected()
    {
        // max 5x + 4y s.t. 6x + 4y ≤ 24, x + 2y ≤ 6, x, y ∈ ℤ₊: the LP optimum (3, 1.5) is fractional; the integer one is (4, 0), 20.
        var model = new OptimizationModel("integer LP");
        var x = model.AddInteger(0, 100, "x");
        var y = model.AddInteger(0, 100, "y");
        model.SetObjective(new LinearExpression().Add(x, -5).Add(y, -4));
        model.AddLessOrEqual(new LinearExpression().Add(x, 6).Add(y, 4), 24);
        model.AddLessOrEqual(new LinearExpression().Add(x, 1).Add(y, 2), 6);

        var solution = new HighsSolver().Solve(model);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Approx.Equal(-20, solution.Objective, 1e-6);
        Approx.Equal(4, solution.Value(x), 1e-6);
        Approx.Equal(0, solution.Value(y), 1e-6);
    }

    [Fact]
    public void InfeasibleMip_IsReportedInfeasible()
    {
        // 2x = 3 has no integer solution.
        var model = new OptimizationModel("infeasible MIP");
        var x = model.AddInteger(0, 10, "x");
        model.AddEquality(2 * x, 3);
        model.SetObjective(x);

        var solution = new HighsSolver().Solve(model);

        Assert.Equal(SolveStatus.Infeasible, solution.Status);
        Assert.False(solution.HasValues);
    }

    [Fact]
    public void MixedIntegerQp_IsRefusedWithACapabilityException()
    {
        var model = new OptimizationModel("MIQP");
        var x = model.AddInteger(0, 5, "x");
        model.AddQuadraticObjective(x, x, 1);
        var solver = new HighsSolver();

        Assert.Contains("quadratic", solver.CannotSolve(model), StringComparison.Ordinal);
        Assert.Throws<SolverCapabilityException>(() => solver.Solve(model));
    }

    private sealed class UnitCommitment
    {
        public required OptimizationModel Model { get; init; }

        public required Variable[] On { get; init; }

        public required Variable[] Power { get; init; }

        public required Constraint Balance { get; init; }

        public static UnitCommitment Build()
        {
            (double NoLoad, double Marginal, double Min, double Max)[] units = [(100, 10, 50, 100), (50, 20, 20, 80), (10, 40, 0, 60)];
            var model = new OptimizationModel("unit commitment");
            var on = new Variable[3];
            var power = new Variable[3];
            var objective = new LinearExpression();
            var supply = new LinearExpression();
            for (var u = 0; u < 3; u++)
            {
                on[u] = model.AddBinary($"on {u}");
                power[u] = model.AddVariable(0, units[u].Max, $"p {u}");
                objective.Add(on[u], units[u].NoLoad).Add(power[u], units[u].Marginal);
                supply.Add(power[u], 1);
                model.AddLessOrEqual(new LinearExpression().Add(power[u], 1).Add(on[u], -units[u].Max), 0, $"max {u}");
                model.AddGreaterOrEqual(new LinearExpression().Add(power[u], 1).Add(on[u], -units[u].Min), 0, $"min {u}");
            }

            model.SetObjective(objective);
            var balance = model.AddEquality(supply, 130, "balance");
            return new UnitCommitment { Model = model, On = on, Power = power, Balance = balance };
        }
    }
}
