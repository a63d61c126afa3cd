using Lem.Optimization;

namespace Lem.Settlement.TariffDesign;

/// <summary>
/// The leader's problem as one MILP (docs/games.md#mpec; Fortuny-Amat &amp; McCarl 1981; Gabriel et al. 2013): every
/// follower's LP min (c + τ·g)ᵀx s.t. l ≤ Ax ≤ u, x̲ ≤ x ≤ x̄ is replaced by its KKT conditions (stationarity, dual
/// feasibility, complementarity linearised with binaries and a big-M), the bilinear revenue τ·gᵀx by strong duality
/// (τ·gᵀx = dual objective − cᵀx), and the MILP minimises τ subject to the revenue Σ_n τ·gᵀx_n ≥ R, on HiGHS.
/// </summary>
public static class TariffMpec
{
    /// <summary>The most complementarity binaries the MPEC accepts (it is meant for small instances).</summary>
    public const int MaxBinaries = 4000;

    /// <summary>Solves the MPEC for one design with levels in [0, <paramref name="levelUpper"/>].</summary>
    /// <exception cref="ArgumentException">When the instance needs more than <see cref="MaxBinaries"/> binaries.</exception>
    public static TariffMpecResult Solve(TariffDesigner designer, ITariffDesignKind kind, double revenueEur, double levelUpper, double bigM)
    {
        ArgumentNullException.ThrowIfNull(designer);
        ArgumentNullException.ThrowIfNull(kind);
        var master = new OptimizationModel("tariff-mpec");
        var tau = master.AddVariable(0, levelUpper, "tau");
        var unit = kind.Unit(designer.Context);
        var revenue = new LinearExpression();
        var pairs = new List<(Variable Multiplier, LinearExpression Slack)>();
        var binaries = 0;
        foreach (var follower in designer.Followers)
        {
            var built = follower.Build(unit);
            var lp = built.Model;
            var offset = master.Variables.Count;
            foreach (var v in lp.Variables)
            {
                master.AddVariable(v.Lower, v.Upper, $"{follower.Participant.Id}.{v.Name}");
            }

            Variable X(int j) => new(offset + j);
            var n = lp.Variables.Count;
            var baseCost = Dense(built.BaseObjective, n);
            var perUnit = Dense(built.TariffPerUnit, n);
            var stationarity = Enumerable.Range(0, n).Select(j => new LinearExpression().Add(tau, perUnit[j])).ToArray();
            var dual = new LinearExpression();
            foreach (var c in lp.Constraints)
            {
                var row = new LinearExpression(c.Expression.Count);
                for (var k = 0; k < c.Expression.Count; k++)
                {
                    row.Add(X(c.Expression.Indices[k]), c.Expression.Coefficients[k]);
                }

                var lower = c.Lower - c.Expression.Constant;
                var upper = c.Upper - c.Expression.Constant;
                master.AddConstraint(row, lower, upper, c.Name);
                if (c.IsEquality)
                {
                    var lambda = master.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
                    Transpose(stationarity, c.Expression, lambda, -1.0);
                    dual.Add(lambda, lower);
                    continue;
                }

                if (double.IsFinite(lower))
                {
                    var mu = master.AddVariable(0, double.PositiveInfinity);
                    Transpose(stationarity, c.Expression, mu, -1.0);
                    dual.Add(mu, lower);
                    pairs.Add((mu, new LinearExpression(row.Count + 1).Add(row).AddConstant(-lower)));
                }

                if (double.IsFinite(upper))
                {
                    var mu = master.AddVariable(0, double.PositiveInfinity);
                    Transpose(stationarity, c.Expression, mu, 1.0);
                    dual.Add(mu, -upper);
                    pairs.Add((mu, new LinearExpression(row.Count + 1).Add(row, -1.0).AddConstant(upper)));
                }
            }

            for (var j = 0; j < n; j++)
            {
                var v = lp.Variables[j];
                if (double.IsFinite(v.Lower))
                {
                    var nu = master.AddVariable(0, double.PositiveInfinity);
                    stationarity[j].Add(nu, -1.0);
                    dual.Add(nu, v.Lower);
                    pairs.Add((nu, new LinearExpression(1).Add(X(j), 1.0).AddConstant(-v.Lower)));
                }

                if (double.IsFinite(v.Upper))
                {
                    var nu = master.AddVariable(0, double.PositiveInfinity);
                    stationarity[j].Add(nu, 1.0);
                    dual.Add(nu, -v.Upper);
                    pairs.Add((nu, new LinearExpression(1).Add(X(j), -1.0).AddConstant(v.Upper)));
                }

                // c_j + τ·g_j − Σ_r A_rj·(μ_l − μ_u) − ν_l + ν_u = 0.
                master.AddEquality(stationarity[j], -baseCost[j], $"{follower.Participant.Id}.stationarity[{j}]");
            }

            // Strong duality: τ·gᵀx = dual objective − cᵀx.
            revenue.Add(dual);
            for (var j = 0; j < n; j++)
            {
                revenue.Add(X(j), -baseCost[j]);
            }
        }

        if (pairs.Count > MaxBinaries)
        {
            throw new ArgumentException($"The MPEC needs {pairs.Count} complementarity binaries, more than its limit of {MaxBinaries}; use the grid search.", nameof(designer));
        }

        foreach (var (multiplier, slack) in pairs)
        {
            var z = master.AddBinary();
            binaries++;
            master.AddLessOrEqual(new LinearExpression(2).Add(multiplier, 1.0).Add(z, -bigM), 0.0);
            var row = new LinearExpression(slack.Count + 1).Add(slack).Add(z, bigM);
            master.AddLessOrEqual(row, bigM);
        }

        master.AddGreaterOrEqual(revenue, revenueEur, "revenue");
        master.SetObjective(new LinearExpression(1).Add(tau, 1.0));
        var solution = Solvers.For(master).Solve(master, SolverOptions.Default);
        if (solution.Status != SolveStatus.Optimal)
        {
            return new TariffMpecResult(false, double.NaN, bigM, false, binaries, solution.Status.ToString());
        }

        var values = solution.Values.ToArray();
        var active = pairs.Any(p => values[p.Multiplier.Index] >= 0.999 * bigM || p.Slack.Evaluate(values) >= 0.999 * bigM);
        return new TariffMpecResult(true, solution.Value(tau), bigM, active, binaries, null);
    }

    private static double[] Dense(LinearExpression e, int n)
    {
        var d = new double[n];
        for (var k = 0; k < e.Count; k++)
        {
            d[e.Indices[k]] += e.Coefficients[k];
        }

        return d;
    }

    private static void Transpose(LinearExpression[] stationarity, LinearExpression row, Variable multiplier, double sign)
    {
        for (var k = 0; k < row.Count; k++)
        {
            stationarity[row.Indices[k]].Add(multiplier, sign * row.Coefficients[k]);
        }
    }
}
