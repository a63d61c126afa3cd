using Lem.Optimization;
using Lem.Optimization.Highs;
using Lem.Testing;

namespace Lem.Optimization.Tests;

/// <summary>Convex QPs with analytic solutions and duals, solved by HiGHS.</summary>
public sealed class HighsQpTests
{
    // min Σ ½a_i x_i² + b_i x_i  s.t.  Σ x_i = D.
    private static readonly double[] A = [1, 2, 4];
    private static readonly double[] B = [10, 12, 20];
    private const double D = 30;

    /// <summary>
    /// HiGHS's QP solver adds qp_regularization_value·I (1e-7) to the Hessian, so values and duals carry errors of
    /// about 1e-7·|x| (a few 1e-6 here); smaller regularisations make it fail on storage-coupled QPs.
    /// </summary>
    private const double QpTolerance = 1e-5;

    [Fact]
    public void EconomicDispatch_MatchesTheAnalyticSolutionAndPrice()
    {
        var (model, x, balance) = Dispatch();
        var solution = new HighsSolver().Solve(model);

        // λ = (D + Σ b_i/a_i) / Σ 1/a_i, x_i = (λ − b_i)/a_i.
        var lambda = (D + B.Select((b, i) => b / A[i]).Sum()) / A.Sum(a => 1 / a);
        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Approx.Equal(lambda, solution.Dual(balance), QpTolerance, what: "price λ");
        var objective = 0.0;
        for (var i = 0; i < A.Length; i++)
        {
            var xi = (lambda - B[i]) / A[i];
            Approx.Equal(xi, solution.Value(x[i]), QpTolerance, what: $"x{i}");
            Approx.Equal(0, solution.ReducedCosts[x[i].Index], QpTolerance, what: $"reduced cost of interior x{i}");
            objective += 0.5 * A[i] * xi * xi + B[i] * xi;
        }

        Approx.Equal(objective, solution.Objective, QpTolerance, 1e-9, what: "objective");
        DualConventionCertificate.Assert(model, solution);
    }

    [Fact]
    public void NonDiagonalQp_CrossTermsGivenInBothOrdersAreSummed()
    {
        // min x1² + x1·x2 + x2² + 3 x2 + 7  s.t.  x1 + x2 = 10: x = (6.5, 3.5), λ = 16.5, f = 87.75 + 7.
        var model = new OptimizationModel("non-diagonal QP");
        var x1 = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, "x1");
        var x2 = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, "x2");
        model.AddQuadraticObjective(x1, x1, 1);
        model.AddQuadraticObjective(x1, x2, 0.25);
        model.AddQuadraticObjective(x2, x1, 0.75);
        model.AddQuadraticObjective(x2, x2, 0.5);
        model.AddQuadraticObjective(x2, x2, 0.5);
        model.SetObjective(new LinearExpression().Add(x2, 3).AddConstant(7));
        var sum = model.AddEquality(x1 + x2, 10, "sum");

        var solution = new HighsSolver().Solve(model);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Approx.Equal(6.5, solution.Value(x1), QpTolerance);
        Approx.Equal(3.5, solution.Value(x2), QpTolerance);
        Approx.Equal(16.5, solution.Dual(sum), QpTolerance, what: "λ");
        Approx.Equal(87.75 + 7, solution.Objective, QpTolerance, what: "objective with constant");
        DualConventionCertificate.Assert(model, solution);
    }

    [Fact]
    public void InequalityDuals_AreTheDerivativesAtActiveUpperAndLowerBounds()
    {
        // x1 ≤ 15 and x3 ≥ 5 both bind: x = (15, 10, 5), f*(D, U, L) has ∂/∂D = 2x2 + 12 = 32,
        // ∂/∂U = (U + 10) − 32 = −7 and ∂/∂L = (4L + 20) − 32 = 8.
        var (model, x, balance) = Dispatch();
        var upper = model.AddLessOrEqual(x[0], 15, "x1 ≤ 15");
        var lower = model.AddGreaterOrEqual(new LinearExpression().Add(x[2], 1).AddConstant(-2), 3, "x3 − 2 ≥ 3");

        var solution = new HighsSolver().Solve(model);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Approx.Equal(15, solution.Value(x[0]), QpTolerance);
        Approx.Equal(10, solution.Value(x[1]), QpTolerance);
        Approx.Equal(5, solution.Value(x[2]), QpTolerance);
        Approx.Equal(32, solution.Dual(balance), QpTolerance, what: "balance dual");
        Approx.Equal(-7, solution.Dual(upper), QpTolerance, what: "dual of the active upper bound");
        Approx.Equal(8, solution.Dual(lower), QpTolerance, what: "dual of the active lower bound");
        DualConventionCertificate.Assert(model, solution);
    }

    [Fact]
    public void ReducedCosts_AreTheDerivativesAtActiveVariableBounds()
    {
        // The same optimum with the limits as variable bounds: the derivatives move to the reduced costs.
        var (model, x, balance) = Dispatch();
        model.SetBounds(x[0], 0, 15);
        model.SetBounds(x[2], 5, double.PositiveInfinity);

        var solution = new HighsSolver().Solve(model);

        Approx.Equal(32, solution.Dual(balance), QpTolerance, what: "balance dual");
        Approx.Equal(-7, solution.ReducedCosts[x[0].Index], QpTolerance, what: "reduced cost at the upper bound");
        Approx.Equal(0, solution.ReducedCosts[x[1].Index], QpTolerance, what: "reduced cost of the interior variable");
        Approx.Equal(8, solution.ReducedCosts[x[2].Index], QpTolerance, what: "reduced cost at the lower bound");
        DualConventionCertificate.Assert(model, solution);
    }

    [Fact]
    public void DualOfTheBalance_IsTheFiniteDifferenceOfTheOptimalCost()
    {
        var (model, _, balance) = Dispatch();
        var solver = new HighsSolver();
        var at = solver.Solve(model);
        model.SetBounds(balance, D + 0.5, D + 0.5);
        var up = solver.Solve(model);
        model.SetBounds(balance, D - 0.5, D - 0.5);
        var down = solver.Solve(model);

        Approx.Equal(at.Dual(balance), (up.Objective - down.Objective) / 1.0, QpTolerance, what: "central difference (exact for a quadratic f*)");
    }

    [Fact]
    public void NonConvexObjective_IsNotReportedOptimal()
    {
        var model = new OptimizationModel("concave");
        var x = model.AddVariable(0, 10, "x");
        model.AddQuadraticObjective(x, x, -1);
        model.AddLessOrEqual(x, 8);

        var solution = new HighsSolver().Solve(model);

        Assert.NotEqual(SolveStatus.Optimal, solution.Status);
        Assert.False(string.IsNullOrEmpty(solution.Message));
    }

    private static (OptimizationModel Model, Variable[] X, Constraint Balance) Dispatch()
    {
        var model = new OptimizationModel("quadratic dispatch");
        var x = new Variable[A.Length];
        var objective = new LinearExpression();
        var sum = new LinearExpression();
        for (var i = 0; i < A.Length; i++)
        {
            x[i] = model.AddVariable(0, double.PositiveInfinity, $"x{i + 1}");
            model.AddQuadraticObjective(x[i], x[i], 0.5 * A[i]);
            objective.Add(x[i], B[i]);
            sum.Add(x[i], 1);
        }

        model.SetObjective(objective);
        var balance = model.AddEquality(sum, D, "Σx = D");
        return (model, x, balance);
    }
}
