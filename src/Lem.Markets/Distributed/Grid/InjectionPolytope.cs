namespace Lem.Markets.Distributed.Grid;

/// <summary>
/// The feasible set of a linear grid formulation written in the bus injections alone (docs/mechanisms/admm.md#the-grid-agent):
/// the formulation's equality rows are solved once for its internal variables (voltages, flows, the outside market's
/// reactive exchange) by Gauss–Jordan elimination, which leaves equalities N·g = n on the injections g and turns every
/// inequality row and variable bound into l ≤ R·g + r ≤ u. The matrices are the same in every slot (only the constants
/// differ: the fixed reactive injections), so one elimination serves all slots. <see cref="Project"/> is then a small
/// active-set QP, warm-started from the slot's last active set.
/// </summary>
internal sealed class InjectionPolytope
{
    private const double PivotTolerance = 1e-11;
    private const double FeasibilityTolerance = 1e-10;
    private const int MaxActiveSetSteps = 400;

    private readonly int _buses;
    private readonly double[][] _n;       // equality rows on g
    private readonly double[][] _nRhs;    // [slot][row]
    private readonly double[][] _r;       // inequality rows on g
    private readonly double[][] _lower;   // [slot][row], offset removed
    private readonly double[][] _upper;
    private readonly List<(int Row, bool Upper)>[] _active;

    private InjectionPolytope(int buses, double[][] n, double[][] nRhs, double[][] r, double[][] lower, double[][] upper)
    {
        _buses = buses;
        _n = n;
        _nRhs = nRhs;
        _r = r;
        _lower = lower;
        _upper = upper;
        _active = [.. Enumerable.Range(0, nRhs.Length).Select(_ => new List<(int, bool)>())];
    }

    /// <summary>
    /// Eliminates the internal variables of the slot models (same structure, one per slot; the injection variables are
    /// 0..buses−1), or returns null when the equalities leave an internal variable free (the projection then needs the QP solver).
    /// </summary>
    public static InjectionPolytope? TryBuild(IReadOnlyList<OptimizationModel> slots, int buses)
    {
        var model = slots[0];
        var n = model.Variables.Count;
        var internals = n - buses;
        var equalities = model.Constraints.Select((c, i) => (c, i)).Where(x => x.c.IsEquality).Select(x => x.i).ToArray();
        var inequalities = model.Constraints.Select((c, i) => (c, i)).Where(x => !x.c.IsEquality).Select(x => x.i).ToArray();
        var T = slots.Count;
        var me = equalities.Length;

        // [E_w | E_g | rhs per slot], reduced by Gauss–Jordan with full pivoting over the E_w block.
        var width = internals + buses + T;
        var m = new double[me][];
        for (var row = 0; row < me; row++)
        {
            m[row] = new double[width];
            var e = model.Constraints[equalities[row]].Expression;
            for (var k = 0; k < e.Count; k++)
            {
                var j = e.Indices[k];
                m[row][j < buses ? internals + j : j - buses] += e.Coefficients[k];
            }

            for (var t = 0; t < T; t++)
            {
                var c = slots[t].Constraints[equalities[row]];
                m[row][internals + buses + t] = c.Lower - c.Expression.Constant;
            }
        }

        var pivotColumnOfRow = new int[me];
        Array.Fill(pivotColumnOfRow, -1);
        var isPivotColumn = new bool[internals];
        var scale = Math.Max(1.0, m.SelectMany(r => r.Take(internals)).Select(Math.Abs).DefaultIfEmpty(0).Max());
        var rank = 0;
        for (; rank < Math.Min(me, internals); rank++)
        {
            int pr = -1, pc = -1;
            var best = PivotTolerance * scale;
            for (var row = rank; row < me; row++)
            {
                for (var col = 0; col < internals; col++)
                {
                    if (!isPivotColumn[col] && Math.Abs(m[row][col]) > best)
                    {
                        (best, pr, pc) = (Math.Abs(m[row][col]), row, col);
                    }
                }
            }

            if (pr < 0)
            {
                break;
            }

            (m[rank], m[pr]) = (m[pr], m[rank]);
            var pivotRow = m[rank];
            var inverse = 1.0 / pivotRow[pc];
            for (var col = 0; col < width; col++)
            {
                pivotRow[col] *= inverse;
            }

            for (var row = 0; row < me; row++)
            {
                var f = row == rank ? 0.0 : m[row][pc];
                if (f == 0)
                {
                    continue;
                }

                var target = m[row];
                for (var col = 0; col < width; col++)
                {
                    target[col] -= f * pivotRow[col];
                }
            }

            isPivotColumn[pc] = true;
            pivotColumnOfRow[rank] = pc;
        }

        if (isPivotColumn.Any(p => !p))
        {
            return null;
        }

        // Internal variable w_c = w0_t − W_c·g from its pivot row.
        var wOfColumn = new int[internals];
        for (var row = 0; row < rank; row++)
        {
            wOfColumn[pivotColumnOfRow[row]] = row;
        }

        var nRows = new List<double[]>();
        var nRhs = new List<double[]>();
        for (var row = rank; row < me; row++)
        {
            var coefficients = m[row].AsSpan(internals, buses).ToArray();
            if (coefficients.Any(c => Math.Abs(c) > PivotTolerance))
            {
                nRows.Add(coefficients);
                nRhs.Add(m[row].AsSpan(internals + buses, T).ToArray());
            }
        }

        // Inequality rows and internal variable bounds in g: value = R·g + offset_t.
        var rRows = new List<double[]>();
        var lower = new List<double[]>();
        var upper = new List<double[]>();
        void AddRow(IReadOnlyList<(int Variable, double Coefficient)> terms, Func<int, (double Lower, double Upper)> bounds)
        {
            var r = new double[buses];
            var offset = new double[T];
            foreach (var (j, a) in terms)
            {
                if (j < buses)
                {
                    r[j] += a;
                    continue;
                }

                var pivot = m[wOfColumn[j - buses]];
                for (var b = 0; b < buses; b++)
                {
                    r[b] -= a * pivot[internals + b];
                }

                for (var t = 0; t < T; t++)
                {
                    offset[t] += a * pivot[internals + buses + t];
                }
            }

            if (r.All(c => Math.Abs(c) <= PivotTolerance))
            {
                return; // a constant row: the pool's model would be infeasible if it failed, nothing to project on
            }

            rRows.Add(r);
            var lo = new double[T];
            var hi = new double[T];
            for (var t = 0; t < T; t++)
            {
                var (l, u) = bounds(t);
                lo[t] = l - offset[t];
                hi[t] = u - offset[t];
            }

            lower.Add(lo);
            upper.Add(hi);
        }

        foreach (var i in inequalities)
        {
            var e = model.Constraints[i].Expression;
            AddRow([.. Enumerable.Range(0, e.Count).Select(k => (e.Indices[k], e.Coefficients[k]))], t => (slots[t].Constraints[i].Lower - slots[t].Constraints[i].Expression.Constant, slots[t].Constraints[i].Upper - slots[t].Constraints[i].Expression.Constant));
        }

        for (var j = buses; j < n; j++)
        {
            var v = model.Variables[j];
            if (double.IsFinite(v.Lower) || double.IsFinite(v.Upper))
            {
                var variable = j;
                AddRow([(variable, 1.0)], t => (slots[t].Variables[variable].Lower, slots[t].Variables[variable].Upper));
            }
        }

        return new InjectionPolytope(buses, [.. nRows], Transpose(nRhs, T), [.. rRows], Transpose(lower, T), Transpose(upper, T));
    }

    /// <summary>
    /// g = argmin ½Σ_b (g_b − z_b)²/d_b over the slot's set (MW), d_b &gt; 0 the inverse weight of bus b (all 1: the
    /// Euclidean projection), by a primal active-set method from the slot's last active set; false when it does not
    /// settle (degenerate or cycling), leaving the slot to the QP solver.
    /// </summary>
    public bool Project(int slot, ReadOnlySpan<double> z, Span<double> g, ReadOnlySpan<double> d)
    {
        var active = _active[slot];
        var lower = _lower[slot];
        var upper = _upper[slot];
        var candidate = new double[_buses];
        for (var step = 0; step < MaxActiveSetSteps; step++)
        {
            var rows = _n.Length + active.Count;
            var k = new double[rows][];
            var rhs = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                var isN = i < _n.Length;
                k[i] = isN ? _n[i] : _r[active[i - _n.Length].Row];
                var bound = isN ? _nRhs[slot][i] : active[i - _n.Length].Upper ? upper[active[i - _n.Length].Row] : lower[active[i - _n.Length].Row];
                rhs[i] = Dot(k[i], z) - bound;
            }

            var gram = new double[rows][];
            for (var i = 0; i < rows; i++)
            {
                gram[i] = new double[rows];
                for (var j = 0; j <= i; j++)
                {
                    gram[i][j] = gram[j][i] = WeightedDot(k[i], k[j], d);
                }
            }

            if (!Solve(gram, rhs))
            {
                active.Clear();
                return false;
            }

            z.CopyTo(candidate);
            for (var i = 0; i < rows; i++)
            {
                for (var b = 0; b < _buses; b++)
                {
                    candidate[b] -= rhs[i] * k[i][b] * d[b];
                }
            }

            // A multiplier of the wrong sign: that row pushes the point inward; release it.
            int release = -1;
            var worst = FeasibilityTolerance;
            for (var a = 0; a < active.Count; a++)
            {
                var mu = rhs[_n.Length + a];
                var wrong = active[a].Upper ? -mu : mu;
                if (wrong > worst)
                {
                    (worst, release) = (wrong, a);
                }
            }

            if (release >= 0)
            {
                active.RemoveAt(release);
                continue;
            }

            // The most violated inactive row joins the active set.
            int join = -1;
            var joinUpper = false;
            var violation = FeasibilityTolerance;
            for (var j = 0; j < _r.Length; j++)
            {
                var value = Dot(_r[j], candidate);
                var scale = 1.0 + Math.Abs(value);
                if (value - upper[j] > violation * scale && !active.Contains((j, true)))
                {
                    (violation, join, joinUpper) = ((value - upper[j]) / scale, j, true);
                }
                else if (lower[j] - value > violation * scale && !active.Contains((j, false)))
                {
                    (violation, join, joinUpper) = ((lower[j] - value) / scale, j, false);
                }
            }

            if (join < 0)
            {
                candidate.CopyTo(g);
                return true;
            }

            active.Add((join, joinUpper));
        }

        active.Clear();
        return false;
    }

    private static double WeightedDot(double[] a, double[] b, ReadOnlySpan<double> d)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i] * d[i];
        }

        return s;
    }

    private static double Dot(double[] a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    /// <summary>Solves A·x = b in place (x in b) by Gaussian elimination with partial pivoting; false when A is singular.</summary>
    private static bool Solve(double[][] a, double[] b)
    {
        var n = b.Length;
        for (var c = 0; c < n; c++)
        {
            var p = c;
            for (var r = c + 1; r < n; r++)
            {
                if (Math.Abs(a[r][c]) > Math.Abs(a[p][c]))
                {
                    p = r;
                }
            }

            if (Math.Abs(a[p][c]) < 1e-14 * Math.Max(1.0, Math.Abs(a[c][c])))
            {
                return false;
            }

            (a[c], a[p]) = (a[p], a[c]);
            (b[c], b[p]) = (b[p], b[c]);
            for (var r = c + 1; r < n; r++)
            {
                var f = a[r][c] / a[c][c];
                if (f == 0)
                {
                    continue;
                }

                for (var k = c; k < n; k++)
                {
                    a[r][k] -= f * a[c][k];
                }

                b[r] -= f * b[c];
            }
        }

        for (var c = n - 1; c >= 0; c--)
        {
            var s = b[c];
            for (var k = c + 1; k < n; k++)
            {
                s -= a[c][k] * b[k];
            }

            b[c] = s / a[c][c];
        }

        return true;
    }

    private static double[][] Transpose(List<double[]> perRow, int slots) =>
        [.. Enumerable.Range(0, slots).Select(t => perRow.Select(r => r[t]).ToArray())];
}
