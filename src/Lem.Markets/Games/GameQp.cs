namespace Lem.Markets.Games;

/// <summary>
/// Builds and solves the quadratic programme of a set of free players with the others' variables fixed, on Lem's QP
/// back ends (docs/games.md#solution-methods). Minimised (EUR/MWh × kW):
/// Σ_{j free} (c_j·y_j + d_j/2·y_j²) − Σ_t (a_t − b_t·Q_t^fixed)·Q_t^free + b_t/2·(Q_t^free)² + Σ_{i free strategic} b_t/2·q_it²
/// subject to the bounds and every row with a free variable (the fixed variables' part moved to the right-hand side).
/// With all players free this is the potential game's QP; with one player free, its best response.
/// </summary>
internal static class GameQp
{
    /// <summary>Solves; <paramref name="free"/> flags the free players.</summary>
    /// <exception cref="InvalidOperationException">When the QP is not solved to optimality (an infeasible row set).</exception>
    public static GameQpResult Solve(CournotGame game, IReadOnlyList<double> current, Func<int, bool> free, GameQpMode mode)
    {
        var model = new OptimizationModel("game");
        var n = game.Variables.Count;
        var vars = new Variable?[n];
        var fixedTotal = game.TotalKw(current);
        var prices = game.PricesEurPerMwh(current);
        var freeTotal = new LinearExpression?[game.SlotCount];
        var objective = new LinearExpression();

        // HiGHS regularises the Hessian by 1e-7·I: scaling the objective so its smallest curvature is about 1e3 keeps
        // that error near 1e-10 kW (the duals are scaled back).
        var scale = 2e3 / game.SlopeEurPerMwhPerKw.Min();
        for (var j = 0; j < n; j++)
        {
            var v = game.Variables[j];
            if (!free(v.Player))
            {
                continue;
            }

            var x = model.AddVariable(v.LowerKw, v.UpperKw, v.Name);
            vars[j] = x;
            fixedTotal[v.Slot] -= v.InjectionCoefficient * current[j];
            objective.Add(x, v.LinearCostEurPerMwh);
            if (v.QuadraticCostEurPerMwhPerKw > 0)
            {
                model.AddQuadraticObjective(x, x, scale * 0.5 * v.QuadraticCostEurPerMwhPerKw);
            }

            (freeTotal[v.Slot] ??= new LinearExpression()).Add(x, v.InjectionCoefficient);
        }

        for (var t = 0; t < game.SlotCount; t++)
        {
            if (freeTotal[t] is not { } total)
            {
                continue;
            }

            var b = game.SlopeEurPerMwhPerKw[t];
            var linear = mode == GameQpMode.FixedPrice ? prices[t] : game.InterceptEurPerMwh[t] - (b * fixedTotal[t]);
            objective.Add(total, -linear);
            if (mode != GameQpMode.FixedPrice)
            {
                // An auxiliary Q_t keeps the Hessian diagonal.
                var q = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"Q[{t}]");
                model.AddEquality(new LinearExpression(total.Count + 1).Add(total).Add(q, -1.0), 0.0);
                model.AddQuadraticObjective(q, q, scale * 0.5 * b);
            }
        }

        if (mode == GameQpMode.Potential)
        {
            for (var i = 0; i < game.Players.Count; i++)
            {
                if (!free(i) || !game.Players[i].Strategic)
                {
                    continue;
                }

                var own = new LinearExpression?[game.SlotCount];
                foreach (var j in game.VariablesOf(i))
                {
                    (own[game.Variables[j].Slot] ??= new LinearExpression()).Add(vars[j]!.Value, game.Variables[j].InjectionCoefficient);
                }

                for (var t = 0; t < game.SlotCount; t++)
                {
                    if (own[t] is { } expression)
                    {
                        var s = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"q[{i},{t}]");
                        model.AddEquality(new LinearExpression(expression.Count + 1).Add(expression).Add(s, -1.0), 0.0);
                        model.AddQuadraticObjective(s, s, scale * 0.5 * game.SlopeEurPerMwhPerKw[t]);
                    }
                }
            }
        }

        var rows = new Constraint?[game.Rows.Count];
        for (var r = 0; r < game.Rows.Count; r++)
        {
            var row = game.Rows[r];
            var expression = new LinearExpression();
            var rhs = row.Upper;
            for (var k = 0; k < row.Variables.Count; k++)
            {
                var j = row.Variables[k];
                if (vars[j] is { } x)
                {
                    expression.Add(x, row.Coefficients[k]);
                }
                else
                {
                    rhs -= row.Coefficients[k] * current[j];
                }
            }

            if (expression.Count > 0)
            {
                rows[r] = model.AddLessOrEqual(expression, rhs, row.Name);
            }
        }

        var scaled = new LinearExpression(objective.Count);
        scaled.Add(objective, scale);
        model.SetObjective(scaled);
        var solution = Solvers.For(model).Solve(model, SolverOptions.Default with { Tolerance = 1e-10 });
        if (solution.Status != SolveStatus.Optimal)
        {
            throw new InvalidOperationException($"The game's QP ended {solution.Status}: {solution.Message ?? "no message"}.");
        }

        var values = current.ToArray();
        for (var j = 0; j < n; j++)
        {
            if (vars[j] is { } x)
            {
                values[j] = solution.Value(x);
            }
        }

        // The back ends report ∂f*/∂(bound); a ≤ row's multiplier is its negative (≥ 0).
        var multipliers = rows.Select(c => c is { } row ? Math.Max(0.0, -solution.Dual(row) / scale) : double.NaN).ToArray();
        return new GameQpResult(values, multipliers);
    }
}
