using Lem.Optimization.Ipopt;
using Lem.Testing;
using static Lem.Optimization.Tests.IpoptTestFunctions;

namespace Lem.Optimization.Tests;

public sealed class IpoptSolverTests
{
    private static readonly IpoptSolver Solver = new();

    [NativeFact(NativeLibraries.Ipopt)]
    public void Lp_duals_and_reduced_costs_follow_the_convention()
    {
        // Dispatch: g1 ∈ [0, 50] at 10, g2 ∈ [0, 100] at 30, g3 ∈ [0, 100] at 40; balance g1 + g2 + g3 = demand;
        // a limit g2 ≤ cap. With demand 120 and cap 60: g1 = 50, g2 = 60, g3 = 10, price 40; cap dual 30 − 40 = −10;
        // g1 at its upper bound: reduced cost 10 − 40 = −30.
        static (OptimizationModel Model, Variable[] G, Constraint Balance, Constraint Cap) Build(double demand, double cap, double g1Max)
        {
            var m = new OptimizationModel("dispatch");
            Variable[] g = [m.AddVariable(0, g1Max), m.AddVariable(0, 100), m.AddVariable(0, 100)];
            m.SetObjective(new LinearExpression().Add(g[0], 10).Add(g[1], 30).Add(g[2], 40));
            var balance = m.AddEquality(g[0] + g[1] + g[2], demand, "balance");
            var capRow = m.AddLessOrEqual(g[1], cap, "cap");
            return (m, g, balance, capRow);
        }

        var (model, g, balance, cap) = Build(120, 60, 50);
        var s = Solver.Solve(model);

        Assert.Equal(SolveStatus.Optimal, s.Status);
        Approx.Equal(50 * 10 + 60 * 30 + 10 * 40, s.Objective, 0, 1e-7);
        Approx.Equal(50, s.Value(g[0]), 1e-5);
        Approx.Equal(60, s.Value(g[1]), 1e-5);
        Approx.Equal(10, s.Value(g[2]), 1e-5);
        Approx.Equal(40, s.Dual(balance), 1e-5, what: "price");
        Approx.Equal(-10, s.Dual(cap), 1e-5, what: "cap dual");
        Approx.Equal(-30, s.ReducedCosts[g[0].Index], 1e-5, what: "reduced cost of g1 at its upper bound");
        Approx.Equal(0, s.ReducedCosts[g[2].Index], 1e-5, what: "reduced cost of the marginal unit");

        Approx.Equal(s.Dual(balance), FiniteDifference(h => Solver.Solve(Build(120 + h, 60, 50).Model).Objective), 1e-4, what: "∂f*/∂demand");
        Approx.Equal(s.Dual(cap), FiniteDifference(h => Solver.Solve(Build(120, 60 + h, 50).Model).Objective), 1e-4, what: "∂f*/∂cap");
        Approx.Equal(s.ReducedCosts[g[0].Index], FiniteDifference(h => Solver.Solve(Build(120, 60, 50 + h).Model).Objective), 1e-4, what: "∂f*/∂g1max");
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void Qp_with_a_cross_term_gives_the_analytic_price()
    {
        // min 0.01 g1² + 10 g1 + 0.02 g2² + 8 g2 + 0.005 g1 g2 s.t. g1 + g2 = D. Equal marginal costs at D = 100:
        // g1 = 30, g2 = 70, price 10.95.
        static (OptimizationModel Model, Variable G1, Variable G2, Constraint Balance) Build(double demand)
        {
            var m = new OptimizationModel("qp");
            var g1 = m.AddVariable(0, 200);
            var g2 = m.AddVariable(0, 200);
            m.SetObjective(new LinearExpression().Add(g1, 10).Add(g2, 8).AddConstant(5));
            m.AddQuadraticObjective(g1, g1, 0.01);
            m.AddQuadraticObjective(g2, g2, 0.02);
            m.AddQuadraticObjective(g1, g2, 0.005);
            var balance = m.AddEquality(g1 + g2, demand);
            return (m, g1, g2, balance);
        }

        var (model, g1, g2, balance) = Build(100);
        var s = Solver.Solve(model);

        Assert.Equal(SolveStatus.Optimal, s.Status);
        Approx.Equal(30, s.Value(g1), 1e-6);
        Approx.Equal(70, s.Value(g2), 1e-6);
        Approx.Equal(5 + (0.01 * 900) + 300 + (0.02 * 4900) + 560 + (0.005 * 2100), s.Objective, 1e-6);
        Approx.Equal(10.95, s.Dual(balance), 1e-6, what: "price");
        Approx.Equal(s.Dual(balance), FiniteDifference(h => Solver.Solve(Build(100 + h).Model).Objective), 1e-5, what: "∂f*/∂D");
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void Quadratic_cone_gives_the_known_optimum_and_dual()
    {
        // min t s.t. ‖(x, y)‖ ≤ t, x + y = b: x = y = b/2, t = b/√2, dual 1/√2.
        static (OptimizationModel Model, Variable T, Constraint Sum) Build(double b)
        {
            var m = new OptimizationModel("soc");
            var t = m.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
            var x = m.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
            var y = m.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
            m.SetObjective(t);
            m.AddCone(t, [x, y]);
            var sum = m.AddEquality(x + y, b);
            return (m, t, sum);
        }

        var (model, t, sum) = Build(2);
        var s = Solver.Solve(model);

        Assert.Equal(SolveStatus.Optimal, s.Status);
        Approx.Equal(Math.Sqrt(2), s.Objective, 1e-7);
        Approx.Equal(Math.Sqrt(2), s.Value(t), 1e-7);
        Approx.Equal(1 / Math.Sqrt(2), s.Dual(sum), 1e-6);
        Approx.Equal(s.Dual(sum), FiniteDifference(h => Solver.Solve(Build(2 + h).Model).Objective), 1e-5);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void Rotated_cone_with_affine_terms_gives_the_known_optimum_and_dual()
    {
        // min u + 4w s.t. (x)² + (y − 1 + 1)² ≤ u·w, x + y = b: x = y = b/2, u·w = b²/2 and u = 4w, so u = √2·b,
        // w = b/(2√2), f* = 2√2·b, dual 2√2.
        static (OptimizationModel Model, Variable U, Variable W, Constraint Sum) Build(double b)
        {
            var m = new OptimizationModel("rsoc");
            var u = m.AddVariable(0);
            var w = m.AddVariable(0);
            var x = m.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
            var y = m.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
            m.SetObjective(new LinearExpression().Add(u, 1).Add(w, 4));
            m.AddRotatedCone(u, w, [x, new LinearExpression().Add(y, 1).AddConstant(-1).AddConstant(1)]);
            var sum = m.AddEquality(x + y, b);
            return (m, u, w, sum);
        }

        var (model, u, w, sum) = Build(2);
        var s = Solver.Solve(model);

        Assert.Equal(SolveStatus.Optimal, s.Status);
        Approx.Equal(4 * Math.Sqrt(2), s.Objective, 1e-6);
        Approx.Equal(2 * Math.Sqrt(2), s.Value(u), 1e-5);
        Approx.Equal(1 / Math.Sqrt(2), s.Value(w), 1e-5);
        Approx.Equal(2 * Math.Sqrt(2), s.Dual(sum), 1e-5);
        Approx.Equal(s.Dual(sum), FiniteDifference(h => Solver.Solve(Build(2 + h).Model).Objective), 1e-5);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void Nonlinear_equality_gives_the_known_optimum_and_dual()
    {
        // min x² + y² s.t. x·y = b, x, y ≥ 0: x = y = √b, f* = 2b, dual 2.
        static (OptimizationModel Model, Variable X, NonlinearConstraint Product) Build(double b)
        {
            var m = new OptimizationModel("nl");
            var x = m.AddVariable(0, 10);
            var y = m.AddVariable(0, 10);
            m.AddQuadraticObjective(x, x, 1);
            m.AddQuadraticObjective(y, y, 1);
            m.SetStart(x, 1);
            m.SetStart(y, 1);
            var c = m.AddNonlinearConstraint(new Product(x, y), b, b);
            return (m, x, c);
        }

        var (model, x, product) = Build(4);
        var s = Solver.Solve(model);

        Assert.Equal(SolveStatus.Optimal, s.Status);
        Approx.Equal(8, s.Objective, 1e-7);
        Approx.Equal(2, s.Value(x), 1e-6);
        Approx.Equal(2, s.Dual(product), 1e-6);
        Approx.Equal(s.Dual(product), FiniteDifference(h => Solver.Solve(Build(4 + h).Model).Objective), 1e-5);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void Hs071_through_the_model_api_with_nonlinear_constraints()
    {
        // The objective moved into an epigraph constraint f(x) − z ≤ 0, minimise z.
        var m = new OptimizationModel("hs071");
        var x = Enumerable.Range(0, 4).Select(_ => m.AddVariable(1, 5)).ToArray();
        var z = m.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
        double[] start = [1, 5, 5, 1];
        for (var i = 0; i < 4; i++)
        {
            m.SetStart(x[i], start[i]);
        }

        m.SetObjective(z);
        m.AddNonlinearConstraint(new Hs071ObjectiveMinusZ(x, z), double.NegativeInfinity, 0);
        var product = m.AddNonlinearConstraint(new Product4(x), 25, double.PositiveInfinity);
        var squares = m.AddNonlinearConstraint(new SumOfSquares(x), 40, 40);

        var s = Solver.Solve(m);

        Assert.Equal(SolveStatus.Optimal, s.Status);
        Approx.Equal(17.014017, s.Objective, 1e-6);
        Approx.Equal(4.743000, s.Value(x[1]), 1e-6);

        // Ipopt's λ = (−0.552294, 0.161469) for (product ≥ 25, squares = 40): the duals are −λ.
        Approx.Equal(0.552294, s.Dual(product), 1e-5);
        Approx.Equal(-0.161469, s.Dual(squares), 1e-5);

        // x1 sits at its lower bound 1: reduced cost z_L1 = 1.087871.
        Approx.Equal(1.087871, s.ReducedCosts[x[0].Index], 1e-5);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void Fixed_variables_get_reduced_costs_from_the_Lagrangian()
    {
        // min 3x + 2y + y², x fixed at 4, x + y ≥ 5: y = 1, dual of the row 4, reduced cost of x = 3 − 4 = −1 = ∂f*/∂x.
        var m = new OptimizationModel("fixed");
        var x = m.AddVariable(4, 4);
        var y = m.AddVariable(0, 10);
        m.SetObjective(new LinearExpression().Add(x, 3).Add(y, 2));
        m.AddQuadraticObjective(y, y, 1);
        var row = m.AddGreaterOrEqual(x + y, 5);

        var s = Solver.Solve(m);

        Assert.Equal(SolveStatus.Optimal, s.Status);
        Approx.Equal(1, s.Value(y), 1e-6);
        Approx.Equal(4, s.Dual(row), 1e-6);
        Approx.Equal(-1, s.ReducedCosts[x.Index], 1e-6);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void Infeasible_model_is_reported_as_infeasible()
    {
        var m = new OptimizationModel("infeasible");
        var x = m.AddVariable(0, 10);
        var y = m.AddVariable(0, 10);
        m.SetObjective(x + y);
        m.AddNonlinearConstraint(new SumOfSquares([x, y]), double.NegativeInfinity, 1);
        m.AddGreaterOrEqual(x + y, 3);

        var s = Solver.Solve(m);

        Assert.Equal(SolveStatus.Infeasible, s.Status);
        Assert.False(s.HasValues);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void Iteration_limit_and_unbounded_models_are_reported()
    {
        var m = new OptimizationModel("hs071-limited");
        var x = Enumerable.Range(0, 4).Select(_ => m.AddVariable(1, 5)).ToArray();
        var z = m.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
        m.SetObjective(z);
        m.AddNonlinearConstraint(new Hs071ObjectiveMinusZ(x, z), double.NegativeInfinity, 0);
        m.AddNonlinearConstraint(new SumOfSquares(x), 40, 40);
        var limited = new IpoptSolver(new IpoptSettings { MaxIterations = 2 }).Solve(m);
        Assert.Equal(SolveStatus.LimitReached, limited.Status);
        Assert.Contains("Maximum_Iterations_Exceeded", limited.Message, StringComparison.Ordinal);

        var u = new OptimizationModel("unbounded");
        var y = u.AddVariable(0);
        var w = u.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
        u.SetObjective(new LinearExpression().Add(y, -1).Add(w, -1));
        u.AddLessOrEqual(y - w, 3);
        var unbounded = Solver.Solve(u);
        Assert.Equal(SolveStatus.Unbounded, unbounded.Status);
        Assert.Contains("Diverging_Iterates", unbounded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_variables_are_refused_with_a_capability_exception()
    {
        var m = new OptimizationModel("mip");
        var b = m.AddBinary();
        m.SetObjective(b);

        Assert.NotNull(Solver.CannotSolve(m));
        var e = Assert.Throws<SolverCapabilityException>(() => Solver.Solve(m));
        Assert.Contains("integer", e.Message, StringComparison.Ordinal);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void An_exception_inside_a_nonlinear_function_is_reported_as_an_error()
    {
        var m = new OptimizationModel("throws");
        var x = m.AddVariable(-10, 10);
        m.SetObjective(x);
        m.AddNonlinearConstraint(new Throwing(x, evaluationsBeforeThrow: 3), double.NegativeInfinity, 4);

        var s = Solver.Solve(m);

        Assert.Equal(SolveStatus.Error, s.Status);
        Assert.Contains("deliberate failure", s.Message, StringComparison.Ordinal);

        // The process survives and the next solve works.
        var ok = new OptimizationModel("ok");
        var v = ok.AddVariable(-10, 10);
        ok.SetObjective(v);
        ok.AddNonlinearConstraint(new Throwing(v, int.MaxValue), double.NegativeInfinity, 4);
        var s2 = Solver.Solve(ok);
        Assert.Equal(SolveStatus.Optimal, s2.Status);
        Approx.Equal(-2, s2.Objective, 1e-7);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void Name_and_availability()
    {
        Assert.Equal("ipopt", Solver.Name);
        Assert.True(Lem.Optimization.Ipopt.Ipopt.IsAvailable, Lem.Optimization.Ipopt.Ipopt.UnavailableMessage);
        Assert.Contains("coinor-libipopt1v5", Lem.Optimization.Ipopt.Ipopt.UnavailableMessage, StringComparison.Ordinal);
    }

    private static double FiniteDifference(Func<double, double> objective, double h = 1e-3) => (objective(h) - objective(-h)) / (2 * h);
}
