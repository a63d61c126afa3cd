using Lem.Optimization;
using Lem.Optimization.Glop;
using Lem.Optimization.Highs;
using Lem.Testing;

namespace Lem.Optimization.Tests;

/// <summary>Statuses, capability refusals and model-translation details shared by the HiGHS and GLOP back ends.</summary>
public sealed class HighsAndGlopStatusTests
{
    public static TheoryData<string> SolverNames => new() { "highs", "glop" };

    [Theory]
    [MemberData(nameof(SolverNames))]
    public void InfeasibleLp_IsReportedInfeasibleWithoutValues(string solverName)
    {
        var model = new OptimizationModel("infeasible");
        var x = model.AddVariable(0, 10, "x");
        var y = model.AddVariable(0, 10, "y");
        model.AddGreaterOrEqual(x + y, 25, "x + y ≥ 25");
        model.SetObjective(x + y);

        var solution = DualConventionTests.Create(solverName).Solve(model);

        Assert.Equal(SolveStatus.Infeasible, solution.Status);
        Assert.False(solution.HasValues);
        Assert.Empty(solution.Values);
        Assert.Equal(solverName, solution.SolverName);
        Assert.Contains("infeasible", solution.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(SolverNames))]
    public void UnboundedLp_IsReportedUnbounded(string solverName)
    {
        var model = new OptimizationModel("unbounded");
        var x = model.AddVariable(0, double.PositiveInfinity, "x");
        var y = model.AddVariable(0, 5, "y");
        model.AddGreaterOrEqual(x - y, 1, "x − y ≥ 1");
        model.SetObjective(new LinearExpression().Add(x, -1).Add(y, 1));

        var solution = DualConventionTests.Create(solverName).Solve(model);

        Assert.Equal(SolveStatus.Unbounded, solution.Status);
        Assert.False(solution.HasValues);
    }

    [Theory]
    [MemberData(nameof(SolverNames))]
    public void RepeatedVariablesAreSummedAndConstantsMovedToTheBounds(string solverName)
    {
        // x + x + y − y + 3 ≥ 7 is 2x ≥ 4; the objective x + x + 5 counts x twice and keeps its constant.
        var model = new OptimizationModel("repeated terms");
        var x = model.AddVariable(0, 10, "x");
        var y = model.AddVariable(0, 10, "y");
        var row = new LinearExpression().Add(x, 1).Add(x, 1).Add(y, 1).Add(y, -1).AddConstant(3);
        var c = model.AddGreaterOrEqual(row, 7, "2x + 3 ≥ 7");
        model.SetObjective(new LinearExpression().Add(x, 1).Add(x, 1).AddConstant(5));

        var solution = DualConventionTests.Create(solverName).Solve(model);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Approx.Equal(2, solution.Value(x), 1e-9);
        Approx.Equal(9, solution.Objective, 1e-9, what: "objective with constant");
        Approx.Equal(1, solution.Dual(c), 1e-9, what: "∂f*/∂(lower bound 7) = 2 / 2");
        DualConventionCertificate.Assert(model, solution);
    }

    [Theory]
    [MemberData(nameof(SolverNames))]
    public void ConesAndNonlinearConstraints_AreRefusedWithACapabilityException(string solverName)
    {
        var solver = DualConventionTests.Create(solverName);
        var cone = new OptimizationModel("cone");
        var t = cone.AddVariable(0, 10, "t");
        var a = cone.AddVariable(-1, 1, "a");
        cone.AddCone(t, [a]);
        cone.SetObjective(t);

        var nonlinear = new OptimizationModel("nonlinear");
        var z = nonlinear.AddVariable(-2, 2, "z");
        nonlinear.AddNonlinearConstraint(new Square(z), 1, 1);
        nonlinear.SetObjective(z);

        Assert.Contains("cone", solver.CannotSolve(cone), StringComparison.Ordinal);
        Assert.Throws<SolverCapabilityException>(() => solver.Solve(cone));
        Assert.Contains("nonlinear", solver.CannotSolve(nonlinear), StringComparison.Ordinal);
        Assert.Throws<SolverCapabilityException>(() => solver.Solve(nonlinear));
    }

    [Fact]
    public void Glop_RefusesQuadraticObjectivesAndIntegersInsteadOfDroppingThem()
    {
        var solver = new GlopSolver();
        var qp = new OptimizationModel("qp");
        var x = qp.AddVariable(0, 10, "x");
        qp.AddQuadraticObjective(x, x, 1);
        qp.SetObjective(new LinearExpression().Add(x, -4));
        var mip = new OptimizationModel("mip");
        var b = mip.AddBinary("b");
        mip.SetObjective(b);

        Assert.Contains("quadratic", solver.CannotSolve(qp), StringComparison.Ordinal);
        var e = Assert.Throws<SolverCapabilityException>(() => solver.Solve(qp));
        Assert.Contains("GLOP", e.Message, StringComparison.Ordinal);
        Assert.Contains("integer", solver.CannotSolve(mip), StringComparison.Ordinal);
        Assert.Throws<SolverCapabilityException>(() => solver.Solve(mip));

        // HiGHS solves the same QP: min x² − 4x on [0, 10] → x = 2, f = −4.
        var highs = new HighsSolver().Solve(qp);
        Approx.Equal(2, highs.Value(x), 1e-6);
        Approx.Equal(-4, highs.Objective, 1e-6);
    }

    [Theory]
    [MemberData(nameof(SolverNames))]
    public void ModelWithoutConstraints_IsSolvedFromTheBoundsAlone(string solverName)
    {
        var model = new OptimizationModel("bounds only");
        var x = model.AddVariable(-3, 4, "x");
        var y = model.AddVariable(1, 2, "y");
        model.SetObjective(new LinearExpression().Add(x, 2).Add(y, -1).AddConstant(1));

        var solution = DualConventionTests.Create(solverName).Solve(model);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Approx.Equal(-3, solution.Value(x), 1e-9);
        Approx.Equal(2, solution.Value(y), 1e-9);
        Approx.Equal(-7, solution.Objective, 1e-9);
        Assert.Empty(solution.Duals);
        Approx.Equal(2, solution.ReducedCosts[x.Index], 1e-9, what: "reduced cost at the lower bound");
        Approx.Equal(-1, solution.ReducedCosts[y.Index], 1e-9, what: "reduced cost at the upper bound");
    }

    [Fact]
    public void Highs_ModelWithoutVariables_ChecksItsConstantRows()
    {
        var feasible = new OptimizationModel("empty");
        feasible.AddLessOrEqual(new LinearExpression().AddConstant(2), 3);
        feasible.SetObjective(new LinearExpression().AddConstant(4));
        var infeasible = new OptimizationModel("empty, infeasible");
        infeasible.AddGreaterOrEqual(new LinearExpression().AddConstant(2), 3);

        var ok = new HighsSolver().Solve(feasible);
        var bad = new HighsSolver().Solve(infeasible);

        Assert.Equal(SolveStatus.Optimal, ok.Status);
        Approx.Equal(4, ok.Objective, 0);
        Assert.Equal(SolveStatus.Infeasible, bad.Status);
    }

    [Fact]
    public void Highs_ReportsItsLibrary()
    {
        Assert.True(HighsSolver.IsAvailable);
        Assert.StartsWith("1.", HighsSolver.Version.TrimStart('v'), StringComparison.Ordinal);
        Assert.Contains("highs", HighsSolver.LibraryPath, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>f(z) = z².</summary>
    private sealed class Square(Variable z) : INonlinearFunction
    {
        public IReadOnlyList<Variable> Variables { get; } = [z];

        public IReadOnlyList<(int Row, int Col)> HessianStructure { get; } = [(0, 0)];

        public double Value(ReadOnlySpan<double> x) => x[0] * x[0];

        public void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => gradient[0] = 2 * x[0];

        public void AddHessian(ReadOnlySpan<double> x, double weight, Span<double> values) => values[0] += 2 * weight;
    }
}
