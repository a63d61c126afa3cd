using Lem.Optimization;
using Lem.Optimization.Glop;
using Lem.Optimization.Highs;
using Lem.Optimization.Ipopt;
using Lem.Testing;

namespace Lem.Optimization.Tests;

/// <summary>The back-end chooser.</summary>
public sealed class SolversTests
{
    [Fact]
    public void For_PicksHighsForLpsQpsAndMips()
    {
        var lp = new OptimizationModel("lp");
        var x = lp.AddVariable(0, 5);
        lp.SetObjective(x);
        var qp = new OptimizationModel("qp");
        var y = qp.AddVariable(0, 5);
        qp.AddQuadraticObjective(y, y, 1);
        var mip = new OptimizationModel("mip");
        mip.SetObjective(mip.AddBinary());

        Assert.IsType<HighsSolver>(Solvers.For(lp));
        Assert.IsType<HighsSolver>(Solvers.For(qp));
        Assert.IsType<HighsSolver>(Solvers.For(mip));
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void For_SendsLargeContinuousQpsToIpopt_AndBothAgreeOnTheOptimum()
    {
        // min Σ ½(x_i − i/n)² s.t. Σ x_i = 1: x_i = i/n + (1 − Σ i/n)/n; a QP just above the size limit.
        var n = Solvers.LargeQpVariables + 1;
        var model = new OptimizationModel("large-qp");
        var sum = new LinearExpression(n);
        for (var i = 0; i < n; i++)
        {
            var x = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
            model.AddQuadraticObjective(x, x, 0.5);
            model.AddToObjective(new LinearExpression().Add(x, -(double)i / n));
            sum.Add(x, 1);
        }

        var balance = model.AddEquality(sum, 1);
        var solver = Solvers.For(model);
        Assert.IsType<Lem.Optimization.Ipopt.IpoptSolver>(solver);
        var solution = solver.Solve(model);
        Assert.Equal(SolveStatus.Optimal, solution.Status);
        var shift = (1 - Enumerable.Range(0, n).Sum(i => (double)i / n)) / n;
        Assert.InRange(Math.Abs(solution.Values[7] - ((7.0 / n) + shift)), 0, 1e-6);
        // The balance dual is ∂f*/∂rhs: f* = n·½·shift² with shift = (rhs − Σ i/n)/n, so the dual is shift.
        Assert.InRange(Math.Abs(solution.Dual(balance) - shift), 0, 1e-6);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void For_PicksIpoptForCones()
    {
        // min t s.t. ‖(x − 3, 4)‖ ≤ t, x free: t = 4 at x = 3.
        var model = new OptimizationModel("cone");
        var t = model.AddVariable(0, double.PositiveInfinity, "t");
        var x = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, "x");
        model.AddCone(t, [new LinearExpression().Add(x, 1).AddConstant(-3), new LinearExpression().AddConstant(4)]);
        model.SetObjective(t);

        var solver = Solvers.For(model);

        Assert.IsType<IpoptSolver>(solver);
        var solution = solver.Solve(model);
        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Approx.Equal(4, solution.Objective, 1e-6);
    }

    [Fact]
    public void For_RefusesModelsNoBackEndSolves()
    {
        var miqp = new OptimizationModel("miqp");
        var n = miqp.AddInteger(0, 4);
        miqp.AddQuadraticObjective(n, n, 1);
        var integerCone = new OptimizationModel("integer cone");
        var t = integerCone.AddInteger(0, 10);
        var x = integerCone.AddVariable(-1, 1);
        integerCone.AddCone(t, [x]);

        var e1 = Assert.Throws<SolverCapabilityException>(() => Solvers.For(miqp));
        var e2 = Assert.Throws<SolverCapabilityException>(() => Solvers.For(integerCone));
        Assert.Contains("miqp", e1.Message, StringComparison.Ordinal);
        Assert.Contains("integer", e2.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("highs", typeof(HighsSolver))]
    [InlineData("GLOP", typeof(GlopSolver))]
    [InlineData(" ipopt ", typeof(IpoptSolver))]
    public void ByName_ReturnsTheNamedBackEnd(string name, Type expected)
    {
        var solver = Solvers.ByName(name);

        Assert.IsType(expected, solver);
        Assert.Equal(name.Trim().ToLowerInvariant(), solver.Name);
        Assert.Contains(solver.Name, Solvers.Names);
    }

    [Fact]
    public void ByName_RejectsUnknownNamesListingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Solvers.ByName("cplex"));

        Assert.Contains("highs, glop, ipopt", e.Message, StringComparison.Ordinal);
    }
}
