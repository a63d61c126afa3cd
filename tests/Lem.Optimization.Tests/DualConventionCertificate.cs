using Lem.Optimization;

namespace Lem.Optimization.Tests;

/// <summary>
/// Checks, independently of any solver, that a solution of an LP or convex QP with its duals is an optimality
/// certificate under Lem's dual convention (dual = ∂f*/∂(active bound), minimisation):
/// primal feasibility; stationarity c + Qx − Aᵀy − d = 0 with y the row duals and d the reduced costs;
/// sign conditions (y ≥ 0 / d ≥ 0 only at an active lower bound, ≤ 0 only at an active upper bound, 0 when
/// inactive); and strong duality f* = yᵀb_active + dᵀbound_active − ½xᵀQx + constant.
/// </summary>
internal static class DualConventionCertificate
{
    /// <summary>Asserts the certificate; <paramref name="tolerance"/> is relative to the size of the numbers involved.</summary>
    public static void Assert(OptimizationModel model, Solution solution, double tolerance = 1e-6)
    {
        Xunit.Assert.Equal(SolveStatus.Optimal, solution.Status);
        var n = model.Variables.Count;
        var m = model.Constraints.Count;
        Xunit.Assert.Equal(n, solution.Values.Count);
        Xunit.Assert.Equal(m, solution.Duals.Count);
        Xunit.Assert.Equal(n, solution.ReducedCosts.Count);
        var x = solution.Values.ToArray();
        var y = solution.Duals;
        var d = solution.ReducedCosts;

        // Gradient of the objective: c + Qx, with Σ c_ab x_a x_b differentiated directly.
        var gradient = new double[n];
        var magnitude = new double[n];
        var objective = model.Objective;
        for (var k = 0; k < objective.Count; k++)
        {
            gradient[objective.Indices[k]] += objective.Coefficients[k];
            magnitude[objective.Indices[k]] += Math.Abs(objective.Coefficients[k]);
        }

        var quadratic = 0.0;
        foreach (var t in model.QuadraticObjective)
        {
            gradient[t.A.Index] += t.Coefficient * x[t.B.Index];
            gradient[t.B.Index] += t.Coefficient * x[t.A.Index];
            magnitude[t.A.Index] += Math.Abs(t.Coefficient * x[t.B.Index]);
            magnitude[t.B.Index] += Math.Abs(t.Coefficient * x[t.A.Index]);
            quadratic += t.Coefficient * x[t.A.Index] * x[t.B.Index];
        }

        var scale = 1.0;
        var dualObjective = objective.Constant - quadratic;
        for (var i = 0; i < m; i++)
        {
            var c = model.Constraints[i];
            var activity = solution.Value(c.Expression) - c.Expression.Constant;
            var lower = c.Lower - c.Expression.Constant;
            var upper = c.Upper - c.Expression.Constant;
            var size = 1 + Math.Abs(activity) + Math.Abs(y[i]);
            scale = Math.Max(scale, size);
            Xunit.Assert.True(activity >= lower - tolerance * size && activity <= upper + tolerance * size, $"row {i} ({c.Name}): activity {activity} outside [{lower}, {upper}]");
            dualObjective += BoundTerm(y[i], lower, upper, activity, tolerance, $"row {i} ({c.Name})");
            for (var k = 0; k < c.Expression.Count; k++)
            {
                gradient[c.Expression.Indices[k]] -= y[i] * c.Expression.Coefficients[k];
                magnitude[c.Expression.Indices[k]] += Math.Abs(y[i] * c.Expression.Coefficients[k]);
            }
        }

        for (var j = 0; j < n; j++)
        {
            var v = model.Variables[j];
            var size = 1 + Math.Abs(x[j]) + Math.Abs(d[j]);
            scale = Math.Max(scale, size);
            Xunit.Assert.True(x[j] >= v.Lower - tolerance * size && x[j] <= v.Upper + tolerance * size, $"variable {j} ({v.Name}) = {x[j]} outside [{v.Lower}, {v.Upper}]");
            Xunit.Assert.True(
                Math.Abs(gradient[j] - d[j]) <= tolerance * (1 + magnitude[j] + Math.Abs(d[j])),
                $"stationarity at variable {j} ({v.Name}): (c + Qx − Aᵀy)_j = {gradient[j]} but the reduced cost is {d[j]}");
            dualObjective += BoundTerm(d[j], v.Lower, v.Upper, x[j], tolerance, $"variable {j} ({v.Name})");
        }

        Xunit.Assert.True(
            Math.Abs(dualObjective - solution.Objective) <= tolerance * Math.Max(scale, Math.Abs(solution.Objective)),
            $"strong duality: primal objective {solution.Objective} but dual objective {dualObjective}");
    }

    /// <summary>The contribution of one bound pair to the dual objective, after checking sign and complementarity.</summary>
    private static double BoundTerm(double dual, double lower, double upper, double activity, double tolerance, string what)
    {
        var size = 1 + Math.Abs(activity);
        var atLower = double.IsFinite(lower) && Math.Abs(activity - lower) <= 1e3 * tolerance * size;
        var atUpper = double.IsFinite(upper) && Math.Abs(activity - upper) <= 1e3 * tolerance * size;
        var small = Math.Abs(dual) <= tolerance * (1 + Math.Abs(dual));
        if (small)
        {
            return 0;
        }

        if (dual > 0)
        {
            Xunit.Assert.True(atLower, $"{what}: dual {dual} > 0 needs an active lower bound (activity {activity}, bounds [{lower}, {upper}])");
            return dual * lower;
        }

        Xunit.Assert.True(atUpper, $"{what}: dual {dual} < 0 needs an active upper bound (activity {activity}, bounds [{lower}, {upper}])");
        return dual * upper;
    }
}
