using Lem.Optimization;

namespace Lem.Settlement.Allocation;

/// <summary>
/// Log-barrier Newton method (Boyd and Vandenberghe, ch. 11) for the Nash bargaining problem in the core, in the
/// savings s = d − x: minimise F_t(s) = t·(−Σ_{i∈P} w_i ln s_i) − Σ_S ln(s(S) − b_S) with b_S = d(S) − C(S),
/// moving only in the null space of the equality rows (columns of Z), for t = 1, 10, 100, … until the duality gap
/// m/t is below 1e-9 of Σ w (m rows). Savings are measured in units of their total, so the numbers are O(1).
/// </summary>
/// <remarks>
/// <para>After each centring (t ≥ 10), an active-set polish guesses the active rows as those with slack ≤ τ
/// (τ = 0.1, 0.01, … down to 1/t), solves the problem exactly on that face (projection, then Newton on its null
/// space) and accepts the result when it satisfies every row and the KKT conditions (non-negative multipliers of the
/// active rows): it is then the optimum to rounding rather than to the barrier's gap.</para>
/// <para>The weights are scaled so that the smallest is 1 (the maximiser does not change), which makes F_t
/// self-concordant for t ≥ 1: damped Newton steps with a backtracking line search then converge from any strictly
/// feasible start. Centring stops when the Newton decrement λ² ≤ 1e-8, or when no decrease is measurable.</para>
/// </remarks>
internal sealed class CoreBarrier
{
    private const int MaxNewtonSteps = 60;
    private readonly int _n;
    private readonly double[] _w;
    private readonly int[] _inProduct;
    private readonly ulong[] _rows;
    private readonly double[] _b;
    private readonly List<double[]> _z;
    private readonly IReadOnlyList<(double[] Row, double Rhs)> _equalities;
    private readonly double[] _d;

    public CoreBarrier(CoalitionTable table, double[] d, double[] w, int[] inProduct, IReadOnlyList<ulong> rows, Subspace equalities)
    {
        _n = table.PlayerCount;
        var smallest = inProduct.Length == 0 ? 1.0 : inProduct.Min(i => w[i]);
        _w = [.. w.Select(v => v / smallest)];
        _inProduct = inProduct;
        _rows = [.. rows];
        _b = new double[_rows.Length];
        for (var k = 0; k < _rows.Length; k++)
        {
            var sum = 0.0;
            for (var i = 0; i < _n; i++)
            {
                if ((_rows[k] & (1UL << i)) != 0)
                {
                    sum += d[i];
                }
            }

            _b[k] = sum - table[_rows[k]];
        }

        _z = equalities.NullBasis();
        _equalities = equalities.Rows;
        _d = d;
    }

    public double[] Minimise(double[] start)
    {
        // Work in units of the total saving Σ s (the maximiser scales with it), so that s and the slacks are O(1).
        var unit = start.Sum();
        if (!(unit > 0))
        {
            unit = Math.Max(1e-300, start.Max(Math.Abs));
        }

        var s = start.Select(v => v / unit).ToArray();
        for (var k = 0; k < _b.Length; k++)
        {
            _b[k] /= unit;
        }

        if (!Feasible(s))
        {
            throw new AllocationException("The core has no interior point the barrier method can start from (it is numerically degenerate); Nash bargaining with core constraints failed.");
        }

        var scale = Math.Max(1.0, _inProduct.Sum(i => _w[i]));
        var m = Math.Max(1, _rows.Length);
        for (var t = 1.0; ; t *= 10)
        {
            Centre(s, t);
            for (var activeSlack = 0.1; t >= 10 && activeSlack * t >= 1; activeSlack /= 10)
            {
                if (Polish(s, unit, activeSlack) is { } exact)
                {
                    return [.. exact.Select(v => v * unit)];
                }
            }

            if (m / t <= 1e-9 * scale)
            {
                return [.. s.Select(v => v * unit)];
            }
        }
    }

    /// <summary>
    /// Active-set polish: treats the rows with slack ≤ <paramref name="activeSlack"/> as equalities and maximises
    /// Σ w ln s exactly on that face (projection, then Newton on its null space). Returns null unless the result
    /// satisfies every row, is at least as good as the barrier point and meets the KKT conditions.
    /// </summary>
    private double[]? Polish(double[] s, double unit, double activeSlack)
    {
        var face = new Subspace(_n);
        foreach (var (row, rhs) in _equalities)
        {
            var ad = 0.0;
            for (var i = 0; i < _n; i++)
            {
                ad += row[i] * _d[i];
            }

            face.TryAdd(row, (ad - rhs) / unit); // a·x = r  ⇔  a·s = a·d − r
        }

        var equalityCount = face.Rank;
        var slack = new double[_rows.Length];
        Slacks(s, slack);
        var active = new List<ulong>();
        for (var k = 0; k < _rows.Length; k++)
        {
            if (slack[k] <= activeSlack)
            {
                active.Add(_rows[k]);
                face.TryAdd(Subspace.Indicator(_n, _rows[k]), _b[k]);
            }
        }

        if (face.Rank == equalityCount)
        {
            return null; // no active row: the barrier's own optimum needs no polish (and the closed form was not in the core)
        }

        var p = Project(face, s);
        var z = face.NullBasis();
        var free = _inProduct.Where(i => !face.Contains(Subspace.Indicator(_n, 1UL << i))).ToArray();
        if (_inProduct.Any(i => !(p[i] > 0)))
        {
            return null;
        }

        for (var step = 0; step < 100 && z.Count > 0; step++)
        {
            var r = z.Count;
            var gz = new double[r];
            var hz = new double[r, r];
            for (var a = 0; a < r; a++)
            {
                foreach (var i in free)
                {
                    gz[a] -= z[a][i] * _w[i] / p[i];
                }

                for (var b = 0; b <= a; b++)
                {
                    var sum = 0.0;
                    foreach (var i in free)
                    {
                        sum += z[a][i] * z[b][i] * _w[i] / (p[i] * p[i]);
                    }

                    hz[a, b] = hz[b, a] = sum;
                }
            }

            var v = SolveSpd(hz, [.. gz.Select(x => -x)]);
            var decrement = -gz.Zip(v, (x, y) => x * y).Sum();
            if (!(decrement > 1e-24))
            {
                break;
            }

            var alpha = 1.0;
            var trial = new double[_n];
            var f0 = ProductObjective(p);
            for (var halving = 0; halving < 60; halving++)
            {
                for (var i = 0; i < _n; i++)
                {
                    trial[i] = p[i];
                    for (var a = 0; a < r; a++)
                    {
                        trial[i] += alpha * v[a] * z[a][i];
                    }
                }

                if (_inProduct.All(i => trial[i] > 0) && ProductObjective(trial) <= f0 - (0.25 * alpha * decrement))
                {
                    break;
                }

                alpha *= 0.5;
            }

            if (!_inProduct.All(i => trial[i] > 0) || ProductObjective(trial) > f0)
            {
                break;
            }

            Array.Copy(trial, p, _n);
        }

        Slacks(p, slack);
        if (slack.Any(v => v < -1e-10) || ProductObjective(p) > ProductObjective(s) + 1e-10)
        {
            return null;
        }

        // KKT: ∇f(p) = Σ λ_k a_k + Eᵀν with λ ≥ 0 on the active rows (f = −Σ w ln s is minimised); then p is the optimum.
        var gradient = new double[_n];
        foreach (var i in _inProduct)
        {
            gradient[i] = -_w[i] / p[i];
        }

        return KktHolds(gradient, active) ? p : null;
    }

    /// <summary>
    /// Whether g = Σ_k λ_k a_k + Eᵀν has a solution with λ ≥ 0 over all active rows (dependent ones included, so a
    /// degenerate vertex is judged by any valid multipliers): the LP min ‖residual‖₁ reaches 0 (relative 1e-7).
    /// </summary>
    private bool KktHolds(double[] g, List<ulong> active)
    {
        var model = new OptimizationModel("nash-core-kkt");
        var lambda = active.Select(_ => model.AddVariable(0, double.PositiveInfinity)).ToArray();
        var nu = _equalities.Select(_ => model.AddVariable(double.NegativeInfinity, double.PositiveInfinity)).ToArray();
        var objective = new LinearExpression();
        for (var i = 0; i < _n; i++)
        {
            var plus = model.AddVariable();
            var minus = model.AddVariable();
            objective.Add(plus, 1.0).Add(minus, 1.0);
            var row = new LinearExpression().Add(plus, 1.0).Add(minus, -1.0);
            for (var k = 0; k < active.Count; k++)
            {
                if ((active[k] & (1UL << i)) != 0)
                {
                    row.Add(lambda[k], 1.0);
                }
            }

            for (var j = 0; j < nu.Length; j++)
            {
                if (_equalities[j].Row[i] != 0)
                {
                    row.Add(nu[j], _equalities[j].Row[i]);
                }
            }

            model.AddEquality(row, g[i]);
        }

        model.SetObjective(objective);
        var solution = Solvers.For(model).Solve(model);
        return solution.Status == SolveStatus.Optimal && solution.Objective <= 1e-7 * g.Sum(Math.Abs);
    }

    /// <summary>−Σ_{i∈P} w_i ln s_i (to be minimised).</summary>
    private double ProductObjective(double[] s)
    {
        var f = 0.0;
        foreach (var i in _inProduct)
        {
            f -= _w[i] * Math.Log(s[i]);
        }

        return f;
    }

    /// <summary>The point of the face's affine set nearest to <paramref name="s"/>: s + Rᵀ(RRᵀ)⁻¹(r − Rs).</summary>
    private double[] Project(Subspace face, double[] s)
    {
        var rows = face.Rows;
        var k = rows.Count;
        var gram = new double[k, k];
        var residual = new double[k];
        for (var a = 0; a < k; a++)
        {
            residual[a] = rows[a].Rhs - rows[a].Row.Zip(s, (x, y) => x * y).Sum();
            for (var b = 0; b < k; b++)
            {
                gram[a, b] = rows[a].Row.Zip(rows[b].Row, (x, y) => x * y).Sum();
            }
        }

        var y = k == 0 ? [] : SolveSpd(gram, residual);
        var p = (double[])s.Clone();
        for (var a = 0; a < k; a++)
        {
            for (var i = 0; i < _n; i++)
            {
                p[i] += y[a] * rows[a].Row[i];
            }
        }

        return p;
    }

    private void Centre(double[] s, double t)
    {
        var r = _z.Count;
        var g = new double[_n];
        var h = new double[_n, _n];
        var slack = new double[_rows.Length];
        for (var step = 0; step < MaxNewtonSteps; step++)
        {
            Array.Clear(g);
            Array.Clear(h);
            foreach (var i in _inProduct)
            {
                g[i] -= t * _w[i] / s[i];
                h[i, i] += t * _w[i] / (s[i] * s[i]);
            }

            Slacks(s, slack);
            for (var k = 0; k < _rows.Length; k++)
            {
                var inv = 1.0 / slack[k];
                var mask = _rows[k];
                for (var i = 0; i < _n; i++)
                {
                    if ((mask & (1UL << i)) == 0)
                    {
                        continue;
                    }

                    g[i] -= inv;
                    for (var j = 0; j < _n; j++)
                    {
                        if ((mask & (1UL << j)) != 0)
                        {
                            h[i, j] += inv * inv;
                        }
                    }
                }
            }

            // Reduced system (Zᵀ H Z) v = −Zᵀ g.
            var gz = new double[r];
            var hz = new double[r, r];
            var hzCol = new double[_n];
            for (var a = 0; a < r; a++)
            {
                for (var i = 0; i < _n; i++)
                {
                    gz[a] += _z[a][i] * g[i];
                }
            }

            for (var b = 0; b < r; b++)
            {
                for (var i = 0; i < _n; i++)
                {
                    var sum = 0.0;
                    for (var j = 0; j < _n; j++)
                    {
                        sum += h[i, j] * _z[b][j];
                    }

                    hzCol[i] = sum;
                }

                for (var a = 0; a < r; a++)
                {
                    var sum = 0.0;
                    for (var i = 0; i < _n; i++)
                    {
                        sum += _z[a][i] * hzCol[i];
                    }

                    hz[a, b] = sum;
                }
            }

            var v = SolveSpd(hz, [.. gz.Select(x => -x)]);
            var decrement = 0.0;
            for (var a = 0; a < r; a++)
            {
                decrement -= gz[a] * v[a];
            }

            if (!(decrement > 1e-8))
            {
                return;
            }

            var delta = new double[_n];
            for (var a = 0; a < r; a++)
            {
                for (var i = 0; i < _n; i++)
                {
                    delta[i] += v[a] * _z[a][i];
                }
            }

            var f0 = Objective(s, t, slack);
            var alpha = 1.0;
            var trial = new double[_n];
            var accepted = false;
            for (var halving = 0; halving < 60 && !accepted; halving++)
            {
                for (var i = 0; i < _n; i++)
                {
                    trial[i] = s[i] + (alpha * delta[i]);
                }

                accepted = Feasible(trial) && Objective(trial, t, new double[_rows.Length]) <= f0 - (0.25 * alpha * decrement);
                if (!accepted)
                {
                    alpha *= 0.5;
                }
            }

            if (!accepted || alpha < 1e-6)
            {
                // No decrease measurable in floating point: the centre is as good as it gets at this t.
                if (accepted)
                {
                    Array.Copy(trial, s, _n);
                }

                return;
            }

            Array.Copy(trial, s, _n);
        }
    }

    private double Objective(double[] s, double t, double[] slack)
    {
        Slacks(s, slack);
        var f = 0.0;
        foreach (var i in _inProduct)
        {
            f -= t * _w[i] * Math.Log(s[i]);
        }

        foreach (var v in slack)
        {
            f -= Math.Log(v);
        }

        return f;
    }

    private bool Feasible(double[] s)
    {
        foreach (var i in _inProduct)
        {
            if (!(s[i] > 0))
            {
                return false;
            }
        }

        var slack = new double[_rows.Length];
        Slacks(s, slack);
        return slack.All(v => v > 0);
    }

    private void Slacks(double[] s, double[] slack)
    {
        for (var k = 0; k < _rows.Length; k++)
        {
            var sum = 0.0;
            var mask = _rows[k];
            for (var i = 0; i < _n; i++)
            {
                if ((mask & (1UL << i)) != 0)
                {
                    sum += s[i];
                }
            }

            slack[k] = sum - _b[k];
        }
    }

    /// <summary>Solves A v = rhs for a symmetric positive definite A by Cholesky (with a tiny ridge if needed).</summary>
    private static double[] SolveSpd(double[,] a, double[] rhs)
    {
        var n = rhs.Length;
        var trace = 0.0;
        for (var i = 0; i < n; i++)
        {
            trace += a[i, i];
        }

        for (var ridge = 0.0; ; ridge = ridge == 0 ? 1e-14 * Math.Max(trace, 1e-300) : ridge * 100)
        {
            var l = new double[n, n];
            var ok = true;
            for (var i = 0; i < n && ok; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    var sum = a[i, j] + (i == j ? ridge : 0);
                    for (var k = 0; k < j; k++)
                    {
                        sum -= l[i, k] * l[j, k];
                    }

                    if (i == j)
                    {
                        if (!(sum > 0))
                        {
                            ok = false;
                            break;
                        }

                        l[i, i] = Math.Sqrt(sum);
                    }
                    else
                    {
                        l[i, j] = sum / l[j, j];
                    }
                }
            }

            if (!ok)
            {
                if (ridge > trace)
                {
                    throw new AllocationException("The Newton system of the core-constrained Nash bargaining problem is singular.");
                }

                continue;
            }

            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                var sum = rhs[i];
                for (var k = 0; k < i; k++)
                {
                    sum -= l[i, k] * y[k];
                }

                y[i] = sum / l[i, i];
            }

            var x = new double[n];
            for (var i = n - 1; i >= 0; i--)
            {
                var sum = y[i];
                for (var k = i + 1; k < n; k++)
                {
                    sum -= l[k, i] * x[k];
                }

                x[i] = sum / l[i, i];
            }

            return x;
        }
    }
}
