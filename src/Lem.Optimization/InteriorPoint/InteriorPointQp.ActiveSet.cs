namespace Lem.Optimization.InteriorPoint;

/// <summary>
/// The active-set step of <see cref="InteriorPointQp"/> (docs/mechanisms/admm.md#active-set-local-steps): when the
/// caller holds a solution of a nearby problem, its active set (which variables sit at which bound) is tried first.
/// With those variables fixed at their bounds, the remaining problem is an equality-constrained QP whose KKT system is
/// solved through the same banded normal equations as a Newton step, factored once per active set and reused while it
/// holds. Free variables without a quadratic term get a small proximal term δ/2‖x − x̂‖² around the held point, which
/// the solve repeats (without refactoring) until its gradient δ(x − x̂) is below the tolerance. The result is accepted
/// only if it is optimal by the interior point method's own test: rows within the primal tolerance, free variables
/// within their bounds, the bound multipliers of fixed variables of the right sign within the dual tolerance. A failed
/// check moves the offending variables between the sets (a primal–dual active-set update) and tries again, at most
/// <see cref="ActiveSetAttempts"/> times; then the interior point method answers.
/// </summary>
public sealed partial class InteriorPointQp
{
    private const double ActiveSetProximal = 1e-6;
    private const int ActiveSetAttempts = 3;
    private const int ProximalSteps = 40;
    private const double ActiveBoundGap = 1e-8;
    private NormalEquations? _activeNormal;
    private sbyte[]? _factoredState;
    private double[]? _factoredQ;
    private double _factoredDelta;

    /// <summary>The active set of an interior point solution: a bounded variable is at a bound when its distance to it is below its multiplier (or tiny).</summary>
    private sbyte[] ActiveState(double[] x, double[] zl, double[] zu)
    {
        var state = new sbyte[_cols];
        for (var j = 0; j < _cols; j++)
        {
            var toLower = double.IsFinite(_lo[j]) ? x[j] - _lo[j] : double.PositiveInfinity;
            var toUpper = double.IsFinite(_hi[j]) ? _hi[j] - x[j] : double.PositiveInfinity;
            if (double.IsFinite(toLower) && toLower <= toUpper && (toLower < zl[j] || toLower <= ActiveBoundGap * (1.0 + Math.Abs(_lo[j]))))
            {
                state[j] = -1;
            }
            else if (double.IsFinite(toUpper) && toUpper < toLower && (toUpper < zu[j] || toUpper <= ActiveBoundGap * (1.0 + Math.Abs(_hi[j]))))
            {
                state[j] = 1;
            }
        }

        return state;
    }

    /// <summary>
    /// The solution on the held active set, or null when no active set near it passes the optimality test.
    /// <paramref name="cBar"/> and <paramref name="qBar"/> are the objective in the scaled columns (not divided by the
    /// objective's <paramref name="scale"/>, so the factorisation does not change with it); <paramref name="c"/> is the
    /// divided linear term the tolerances refer to. Multipliers are returned divided by the scale, as the interior
    /// point method keeps them.
    /// </summary>
    private ActivePoint? TryActiveSet(double[] cBar, double[] qBar, double[] c, double scale, double tolerance, InteriorPointStart start)
    {
        int n = _cols, m = _m;
        var state = (sbyte[])start.State!.Clone();
        var qMax = 0.0;
        var cNorm = 0.0;
        for (var j = 0; j < n; j++)
        {
            qMax = Math.Max(qMax, qBar[j]);
            cNorm = Math.Max(cNorm, Math.Abs(c[j]));
        }

        var bNorm = 0.0;
        for (var k = 0; k < m; k++)
        {
            bNorm = Math.Max(bNorm, Math.Abs(_b[k]));
        }

        var delta = ActiveSetProximal * (qMax > 0 ? qMax : scale);
        var dualTolerance = tolerance * (1.0 + cNorm) * scale;
        var primalTolerance = tolerance * (1.0 + bNorm);
        var x = new double[n];
        var w = new double[n];
        var rd = new double[n];
        var wr = new double[n];
        var g = new double[n];
        var y = new double[m];
        var dy = new double[m];
        var rp = new double[m];
        var rhs = new double[m];
        var scratch = new double[m];
        var correction = new double[m];
        for (var k = 0; k < m; k++)
        {
            y[k] = start.RowDuals![k] * start.Scale;
        }

        for (var attempt = 0; attempt < ActiveSetAttempts; attempt++)
        {
            for (var j = 0; j < n; j++)
            {
                x[j] = state[j] < 0 ? _lo[j] : state[j] > 0 ? _hi[j] : start.X![j];
                w[j] = state[j] == 0 ? 1.0 / (qBar[j] + delta) : 0.0;
            }

            if (m > 0)
            {
                FactorActive(state, qBar, delta, w);
            }

            // Newton steps on the proximal system (Q + δ)x − Aᵀy = −c + δx̂, A·x = b around the current x̂ = x, in
            // correction form: dx = W(−r_d + Aᵀdy), A·W·Aᵀ·dy = r_p + A·W·r_d, until both residuals are small.
            var converged = false;
            for (var step = 0; step < ProximalSteps; step++)
            {
                Multiply(x, rp);
                var primal = 0.0;
                for (var k = 0; k < m; k++)
                {
                    rp[k] = _b[k] - rp[k];
                    primal = Math.Max(primal, Math.Abs(rp[k]));
                }

                var dual = 0.0;
                for (var j = 0; j < n; j++)
                {
                    rd[j] = state[j] == 0 ? Reduced(j, cBar, qBar, x, y) : 0.0;
                    wr[j] = w[j] * rd[j];
                    dual = Math.Max(dual, Math.Abs(rd[j]));
                }
                if (primal <= 0.1 * primalTolerance && dual <= 0.1 * dualTolerance)
                {
                    converged = true;
                    break;
                }

                if (m > 0)
                {
                    Multiply(wr, rhs);
                    for (var k = 0; k < m; k++)
                    {
                        rhs[k] += rp[k];
                    }

                    SolveRefined(_activeNormal!, w, rhs, MaxAbs(rhs), dy, g, scratch, correction);
                    for (var k = 0; k < m; k++)
                    {
                        y[k] += dy[k];
                    }
                }

                for (var j = 0; j < n; j++)
                {
                    if (state[j] == 0)
                    {
                        var aty = 0.0;
                        for (var p = _start[j]; p < _start[j + 1]; p++)
                        {
                            aty += _value[p] * dy[_index[p]];
                        }

                        x[j] += w[j] * (aty - rd[j]);
                    }
                }
            }

            if (!double.IsFinite(x.Sum()))
            {
                return null;
            }

            // The optimality test; violations move between the sets.
            var changed = false;
            for (var j = 0; j < n; j++)
            {
                if (state[j] == 0)
                {
                    if (double.IsFinite(_lo[j]) && x[j] < _lo[j])
                    {
                        changed |= Settle(ref x[j], ref state[j], _lo[j], -1, tolerance);
                    }
                    else if (double.IsFinite(_hi[j]) && x[j] > _hi[j])
                    {
                        changed |= Settle(ref x[j], ref state[j], _hi[j], 1, tolerance);
                    }

                    continue;
                }

                var reduced = Reduced(j, cBar, qBar, x, y);
                if (state[j] * reduced > dualTolerance)
                {
                    // The multiplier of a fixed variable has the wrong sign: it leaves its bound.
                    state[j] = 0;
                    changed = true;
                }
            }

            if (changed)
            {
                continue;
            }

            if (!converged)
            {
                return null;
            }

            var residual = new double[m];
            Multiply(x, residual);
            for (var k = 0; k < m; k++)
            {
                if (Math.Abs(_b[k] - residual[k]) > primalTolerance)
                {
                    return null;
                }
            }

            var zl = new double[n];
            var zu = new double[n];
            for (var j = 0; j < n; j++)
            {
                var reduced = Reduced(j, cBar, qBar, x, y);
                if (state[j] == 0 && Math.Abs(reduced) > dualTolerance)
                {
                    return null;
                }

                zl[j] = state[j] < 0 ? Math.Max(reduced, 0.0) / scale : 0.0;
                zu[j] = state[j] > 0 ? Math.Max(-reduced, 0.0) / scale : 0.0;
            }

            for (var k = 0; k < m; k++)
            {
                y[k] /= scale;
            }

            return new ActivePoint(x, y, zl, zu, state);
        }

        return null;
    }

    /// <summary>A free variable found beyond its bound: clamped when within the tolerance, otherwise fixed at the bound for the next attempt.</summary>
    private static bool Settle(ref double x, ref sbyte state, double bound, sbyte side, double tolerance)
    {
        if (Math.Abs(x - bound) <= tolerance * (1.0 + Math.Abs(bound)))
        {
            x = bound;
            return false;
        }

        state = side;
        return true;
    }

    /// <summary>c̄_j + q̄_j·x_j − (Aᵀy)_j.</summary>
    private double Reduced(int j, double[] cBar, double[] qBar, double[] x, double[] y)
    {
        var g = cBar[j] + (qBar[j] * x[j]);
        for (var p = _start[j]; p < _start[j + 1]; p++)
        {
            g -= _value[p] * y[_index[p]];
        }

        return g;
    }

    /// <summary>Factors A·W·Aᵀ for the active set unless the last factorisation was for the same set, weights and δ.</summary>
    private void FactorActive(sbyte[] state, double[] qBar, double delta, double[] w)
    {
        if (_activeNormal is not null && delta == _factoredDelta && _factoredState.AsSpan().SequenceEqual(state) && _factoredQ.AsSpan().SequenceEqual(qBar))
        {
            return;
        }

        _activeNormal ??= new NormalEquations(_m, _start, _index, _value);
        _activeNormal.Factor(w, 0.0);
        _factoredState = (sbyte[])state.Clone();
        _factoredQ = (double[])qBar.Clone();
        _factoredDelta = delta;
    }

    private static double MaxAbs(double[] values)
    {
        var largest = 0.0;
        foreach (var v in values)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }

        return largest;
    }

    /// <summary>A solution on an active set, in the scaled space (multipliers divided by the objective's scale).</summary>
    private sealed record ActivePoint(double[] X, double[] Y, double[] Zl, double[] Zu, sbyte[] State);
}
