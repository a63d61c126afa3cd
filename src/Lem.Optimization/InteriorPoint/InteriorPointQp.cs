using System.Diagnostics;
using Lem.Optimization.Highs;

namespace Lem.Optimization.InteriorPoint;

/// <summary>
/// A primal–dual interior point method (Mehrotra predictor–corrector) for convex QPs with a diagonal Hessian,
/// min cᵀx + ½Σ q_j x_j² subject to the model's linear rows and variable bounds, built once for a model's structure
/// and solved many times for new objectives: the local problems of distributed market agents, which change only
/// their linear terms and proximal weights between iterations.
/// </summary>
/// <remarks>
/// Fixed variables and rows without free variables are removed, every other inequality row gets a bounded slack,
/// rows and columns are equilibrated (Ruiz), and each Newton step solves the normal equations A·W·Aᵀ with
/// <see cref="NormalEquations"/>: a band in reverse Cuthill–McKee order plus a dense border, which is linear in the
/// horizon for storage chains. Free variables without a quadratic term are only weakly regularised, so LPs with many
/// free variables are better left to HiGHS.
/// </remarks>
public sealed partial class InteriorPointQp
{
    private const int MaxIterations = 150;
    private const double PrimalRegularization = 1e-10;
    private const double DualRegularization = 1e-10;
    private const double StepFraction = 0.995;
    private const double WarmShift = 1e-2;
    private const double WarmComplementarity = 1e-2;
    private const double RefinementThreshold = 1e-13;
    private readonly string _name;
    private readonly int _n;
    private readonly int _rows;
    private readonly double[] _fixed;
    private readonly int[] _columnOfVariable;
    private readonly int[] _variableOfColumn;
    private readonly int[] _rowOfKept;
    private readonly int _cols;
    private readonly int _m;
    private readonly int[] _start;
    private readonly int[] _index;
    private readonly double[] _value;
    private readonly double[] _b;
    private readonly double[] _lo;
    private readonly double[] _hi;
    private readonly double[] _colScale;
    private readonly double[] _rowScale;
    private readonly CompressedColumns _original;
    private readonly NormalEquations? _normal;
    private readonly string? _infeasible;
    private readonly double[] _rhs;
    private readonly double[] _residual;
    private readonly double[] _correction;

    /// <summary>Analyses the structure of <paramref name="model"/>: its rows, bounds and sparsity (not its objective).</summary>
    /// <exception cref="ArgumentException">When the model has integer variables, cones or nonlinear constraints.</exception>
    public InteriorPointQp(OptimizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.HasIntegers || model.HasCones || model.HasNonlinearConstraints)
        {
            throw new ArgumentException($"The interior point QP solver needs a continuous model with linear rows; '{model.Name}' has integers, cones or nonlinear constraints.", nameof(model));
        }

        _name = model.Name;
        _n = model.Variables.Count;
        _original = CompressedColumns.Build(model);
        _rows = _original.Rows;
        _fixed = new double[_n];
        _columnOfVariable = new int[_n];
        var columns = new List<int>();
        for (var j = 0; j < _n; j++)
        {
            var v = model.Variables[j];
            if (v.Lower > v.Upper || double.IsNaN(v.Lower) || double.IsNaN(v.Upper))
            {
                _infeasible ??= $"variable {v.Name ?? j.ToString(System.Globalization.CultureInfo.InvariantCulture)} has bounds [{v.Lower}, {v.Upper}]";
            }

            if (double.IsFinite(v.Lower) && v.Upper - v.Lower <= 1e-13 * (1.0 + Math.Abs(v.Lower)))
            {
                _fixed[j] = v.Lower;
                _columnOfVariable[j] = -1;
            }
            else
            {
                _fixed[j] = double.NaN;
                _columnOfVariable[j] = columns.Count;
                columns.Add(j);
            }
        }

        // Row bounds with the fixed variables moved over, and which rows stay.
        var rowLower = (double[])_original.RowLower.Clone();
        var rowUpper = (double[])_original.RowUpper.Clone();
        var moving = new int[_rows];
        for (var j = 0; j < _n; j++)
        {
            for (var p = _original.Start[j]; p < _original.Start[j + 1]; p++)
            {
                var r = _original.Index[p];
                if (double.IsNaN(_fixed[j]))
                {
                    moving[r]++;
                }
                else
                {
                    rowLower[r] -= _original.Value[p] * _fixed[j];
                    rowUpper[r] -= _original.Value[p] * _fixed[j];
                }
            }
        }

        var keptOfRow = new int[_rows];
        var kept = new List<int>();
        var slackRows = new List<int>();
        for (var r = 0; r < _rows; r++)
        {
            keptOfRow[r] = -1;
            if (moving[r] == 0)
            {
                var tolerance = 1e-9 * (1.0 + Math.Max(Math.Abs(_original.RowLower[r]) is var a && double.IsFinite(a) ? a : 0.0, Math.Abs(_original.RowUpper[r]) is var b && double.IsFinite(b) ? b : 0.0));
                if (rowLower[r] > tolerance || rowUpper[r] < -tolerance)
                {
                    _infeasible ??= $"row {model.Constraints[r].Name ?? r.ToString(System.Globalization.CultureInfo.InvariantCulture)} cannot hold with its variables fixed";
                }

                continue;
            }

            if (double.IsNegativeInfinity(rowLower[r]) && double.IsPositiveInfinity(rowUpper[r]))
            {
                continue;
            }

            keptOfRow[r] = kept.Count;
            kept.Add(r);
            if (rowLower[r] != rowUpper[r])
            {
                slackRows.Add(r);
            }
        }

        _rowOfKept = [.. kept];
        _m = kept.Count;
        var variableColumns = columns.Count;
        _cols = variableColumns + slackRows.Count;
        _variableOfColumn = new int[_cols];
        _lo = new double[_cols];
        _hi = new double[_cols];
        _b = new double[_m];
        var start = new int[_cols + 1];
        var index = new List<int>();
        var value = new List<double>();
        for (var c = 0; c < variableColumns; c++)
        {
            var j = columns[c];
            _variableOfColumn[c] = j;
            _lo[c] = model.Variables[j].Lower;
            _hi[c] = model.Variables[j].Upper;
            for (var p = _original.Start[j]; p < _original.Start[j + 1]; p++)
            {
                var k = keptOfRow[_original.Index[p]];
                if (k >= 0)
                {
                    index.Add(k);
                    value.Add(_original.Value[p]);
                }
            }

            start[c + 1] = index.Count;
        }

        for (var s = 0; s < slackRows.Count; s++)
        {
            var c = variableColumns + s;
            var r = slackRows[s];
            _variableOfColumn[c] = -1;
            _lo[c] = rowLower[r];
            _hi[c] = rowUpper[r];
            index.Add(keptOfRow[r]);
            value.Add(-1.0);
            start[c + 1] = index.Count;
        }

        for (var k = 0; k < _m; k++)
        {
            var r = _rowOfKept[k];
            _b[k] = rowLower[r] == rowUpper[r] ? rowLower[r] : 0.0;
        }

        _start = start;
        _index = [.. index];
        _value = [.. value];
        (_rowScale, _colScale) = Equilibrate(_m, _cols, _start, _index, _value);
        for (var c = 0; c < _cols; c++)
        {
            for (var p = _start[c]; p < _start[c + 1]; p++)
            {
                _value[p] *= _rowScale[_index[p]] * _colScale[c];
            }

            _lo[c] /= _colScale[c];
            _hi[c] /= _colScale[c];
        }

        for (var k = 0; k < _m; k++)
        {
            _b[k] *= _rowScale[k];
        }

        if (_m > 0)
        {
            _normal = new NormalEquations(_m, _start, _index, _value);
        }

        _rhs = new double[_m];
        _residual = new double[_m];
        _correction = new double[_m];
    }

    /// <summary>The number of rows of the reduced problem.</summary>
    public int Rows => _m;

    /// <summary>The bandwidth of the normal equations' sparse block (diagnostics).</summary>
    public int Bandwidth => _normal?.Bandwidth ?? 0;

    /// <summary>The number of rows factored as a dense border (diagnostics).</summary>
    public int DenseRows => _normal?.DenseRows ?? 0;

    /// <summary>
    /// Minimises Σ linear_j x_j + ½ Σ quadraticDiagonal_j x_j² over the model's feasible set. The objective reported
    /// excludes any constant; duals are ∂objective/∂(row bound), reduced costs c + Qx − Aᵀy.
    /// </summary>
    /// <exception cref="ArgumentException">When the vectors do not have one entry per variable or a quadratic weight is negative.</exception>
    public Solution Solve(ReadOnlySpan<double> linear, ReadOnlySpan<double> quadraticDiagonal, SolverOptions? options = null) =>
        Solve(linear, quadraticDiagonal, options, null);

    /// <summary>
    /// <see cref="Solve(ReadOnlySpan{double}, ReadOnlySpan{double}, SolverOptions?)"/> warm-started from the solution
    /// <paramref name="start"/> holds (docs/mechanisms/admm.md#acceleration): its primal point pushed a little inside its
    /// bounds and its multipliers kept at a small complementarity, so a nearby problem needs a few Newton steps instead
    /// of a cold start's. A warm start that stops short is repeated cold. On success <paramref name="start"/> keeps the
    /// new solution.
    /// </summary>
    /// <exception cref="ArgumentException">When the vectors do not have one entry per variable or a quadratic weight is negative.</exception>
    public Solution Solve(ReadOnlySpan<double> linear, ReadOnlySpan<double> quadraticDiagonal, SolverOptions? options, InteriorPointStart? start)
    {
        if (linear.Length != _n || quadraticDiagonal.Length != _n)
        {
            throw new ArgumentException($"Model '{_name}' has {_n} variables; got {linear.Length} linear and {quadraticDiagonal.Length} quadratic coefficients.");
        }

        var clock = Stopwatch.StartNew();
        var tolerance = (options ?? SolverOptions.Default).Tolerance;
        if (_infeasible is not null)
        {
            return Fail(SolveStatus.Infeasible, $"The model '{_name}' is infeasible: {_infeasible}.", 0, clock);
        }

        // c̄, q̄: the objective in the scaled columns; c, q: the same divided by the objective's scale.
        var cBar = new double[_cols];
        var qBar = new double[_cols];
        var scale = 1.0;
        for (var col = 0; col < _cols; col++)
        {
            var j = _variableOfColumn[col];
            if (j >= 0)
            {
                if (!(quadraticDiagonal[j] >= 0))
                {
                    throw new ArgumentException($"Model '{_name}': the quadratic weight of variable {j} is {quadraticDiagonal[j]}; a convex QP needs it non-negative.");
                }

                cBar[col] = linear[j] * _colScale[col];
                qBar[col] = quadraticDiagonal[j] * _colScale[col] * _colScale[col];
                scale = Math.Max(scale, Math.Max(Math.Abs(cBar[col]), qBar[col]));
            }
        }

        var c = new double[_cols];
        var q = new double[_cols];
        for (var col = 0; col < _cols; col++)
        {
            c[col] = cBar[col] / scale;
            q[col] = qBar[col] / scale;
        }

        var warm = start is { HasPoint: true } && start.X!.Length == _cols && start.RowDuals!.Length == _m ? start : null;
        SolveStatus status;
        int iterations;
        double[] x, y, zl, zu;
        var active = warm is { UseActiveSet: true, State: not null } ? TryActiveSet(cBar, qBar, c, scale, tolerance, warm) : null;
        if (warm is { UseActiveSet: true, State: not null } && active is null)
        {
            warm.ActiveSetMisses++;
        }

        if (active is not null)
        {
            // The held active set still holds: one KKT solve instead of the Newton steps (docs/mechanisms/admm.md#active-set-local-steps).
            (status, iterations, x, y, zl, zu) = (SolveStatus.Optimal, 0, active.X, active.Y, active.Zl, active.Zu);
            start!.Keep(x, zl, zu, y, scale, active.State);
            start.ActiveSetSolves++;
        }
        else
        {
            (status, iterations, x, y, zl, zu) = Iterate(c, q, tolerance, warm, scale);
            if (warm is not null && status != SolveStatus.Optimal)
            {
                (status, iterations, x, y, zl, zu) = Iterate(c, q, tolerance, null, scale);
                warm = null;
            }

            if (start is not null && status == SolveStatus.Optimal)
            {
                start.Keep(x, zl, zu, y, scale, ActiveState(x, zl, zu));
                if (warm is null)
                {
                    start.ColdSolves++;
                }
                else
                {
                    start.WarmSolves++;
                }
            }
        }

        if (status != SolveStatus.Optimal)
        {
            return Fail(status, $"The interior point method stopped on model '{_name}' after {iterations} iterations without meeting its tolerances.", iterations, clock);
        }

        var values = new double[_n];
        for (var j = 0; j < _n; j++)
        {
            var col = _columnOfVariable[j];
            values[j] = col < 0 ? _fixed[j] : x[col] * _colScale[col];
        }

        var duals = new double[_rows];
        for (var k = 0; k < _m; k++)
        {
            duals[_rowOfKept[k]] = y[k] * _rowScale[k] * scale;
        }

        var reduced = new double[_n];
        var objective = 0.0;
        for (var j = 0; j < _n; j++)
        {
            var g = linear[j] + (quadraticDiagonal[j] * values[j]);
            for (var p = _original.Start[j]; p < _original.Start[j + 1]; p++)
            {
                g -= _original.Value[p] * duals[_original.Index[p]];
            }

            reduced[j] = g;
            objective += values[j] * (linear[j] + (0.5 * quadraticDiagonal[j] * values[j]));
        }

        return new Solution
        {
            Status = SolveStatus.Optimal,
            SolverName = InteriorPointSolver.SolverName,
            Objective = objective,
            Values = values,
            Duals = duals,
            ReducedCosts = reduced,
            Iterations = iterations,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    private static Solution Fail(SolveStatus status, string message, int iterations, Stopwatch clock) => new()
    {
        Status = status,
        SolverName = InteriorPointSolver.SolverName,
        Message = message,
        Iterations = iterations,
        Seconds = clock.Elapsed.TotalSeconds,
    };

    /// <summary>Ruiz equilibration: rows and columns scaled by the square roots of their largest entries, ten passes.</summary>
    private static (double[] Rows, double[] Columns) Equilibrate(int m, int cols, int[] start, int[] index, double[] value)
    {
        var rows = Enumerable.Repeat(1.0, m).ToArray();
        var columns = Enumerable.Repeat(1.0, cols).ToArray();
        var rowMax = new double[m];
        var colMax = new double[cols];
        for (var pass = 0; pass < 10; pass++)
        {
            Array.Clear(rowMax);
            Array.Clear(colMax);
            for (var c = 0; c < cols; c++)
            {
                for (var p = start[c]; p < start[c + 1]; p++)
                {
                    var a = Math.Abs(value[p] * rows[index[p]] * columns[c]);
                    colMax[c] = Math.Max(colMax[c], a);
                    rowMax[index[p]] = Math.Max(rowMax[index[p]], a);
                }
            }

            for (var c = 0; c < cols; c++)
            {
                if (colMax[c] > 0)
                {
                    columns[c] /= Math.Sqrt(colMax[c]);
                }
            }

            for (var r = 0; r < m; r++)
            {
                if (rowMax[r] > 0)
                {
                    rows[r] /= Math.Sqrt(rowMax[r]);
                }
            }
        }

        return (rows, columns);
    }

    private (SolveStatus Status, int Iterations, double[] X, double[] Y, double[] Zl, double[] Zu) Iterate(double[] c, double[] q, double tolerance, InteriorPointStart? warm, double scale)
    {
        int n = _cols, m = _m;
        var x = new double[n];
        var zl = new double[n];
        var zu = new double[n];
        var y = new double[m];
        var hasL = new bool[n];
        var hasU = new bool[n];
        var bounded = 0;
        for (var j = 0; j < n; j++)
        {
            hasL[j] = double.IsFinite(_lo[j]);
            hasU[j] = double.IsFinite(_hi[j]);
            x[j] = (hasL[j], hasU[j]) switch
            {
                (true, true) => 0.5 * (_lo[j] + _hi[j]),
                (true, false) => Math.Max(_lo[j] + 1.0, 1.0),
                (false, true) => Math.Min(_hi[j] - 1.0, -1.0),
                _ => 0.0,
            };
            zl[j] = hasL[j] ? 1.0 : 0.0;
            zu[j] = hasU[j] ? 1.0 : 0.0;
            bounded += (hasL[j] ? 1 : 0) + (hasU[j] ? 1 : 0);
        }

        if (warm is not null)
        {
            WarmPoint(warm, scale, hasL, hasU, x, zl, zu, y);
        }

        var rp = new double[m];
        var rd = new double[n];
        var w = new double[n];
        var sl = new double[n];
        var su = new double[n];
        var h = new double[n];
        var rl = new double[n];
        var ru = new double[n];
        var dx = new double[n];
        var dzl = new double[n];
        var dzu = new double[n];
        var dy = new double[m];
        var ax = new double[m];
        var dxAff = new double[n];
        var dzlAff = new double[n];
        var dzuAff = new double[n];
        var bNorm = m > 0 ? _b.Max(Math.Abs) : 0.0;
        var cNorm = n > 0 ? c.Max(Math.Abs) : 0.0;
        var stalls = 0;
        for (var it = 0; it <= MaxIterations; it++)
        {
            // Residuals and the complementarity measure.
            Multiply(x, ax);
            var primal = 0.0;
            for (var k = 0; k < m; k++)
            {
                rp[k] = _b[k] - ax[k];
                primal = Math.Max(primal, Math.Abs(rp[k]));
            }

            var dual = 0.0;
            var gap = 0.0;
            var pobj = 0.0;
            for (var j = 0; j < n; j++)
            {
                var g = (q[j] * x[j]) + c[j] - zl[j] + zu[j];
                for (var p = _start[j]; p < _start[j + 1]; p++)
                {
                    g -= _value[p] * y[_index[p]];
                }

                rd[j] = g;
                dual = Math.Max(dual, Math.Abs(g));
                if (hasL[j])
                {
                    gap += (x[j] - _lo[j]) * zl[j];
                }

                if (hasU[j])
                {
                    gap += (_hi[j] - x[j]) * zu[j];
                }

                pobj += x[j] * (c[j] + (0.5 * q[j] * x[j]));
            }

            var mu = bounded > 0 ? gap / bounded : 0.0;
            if (primal <= tolerance * (1.0 + bNorm) && dual <= tolerance * (1.0 + cNorm) && gap <= tolerance * (1.0 + Math.Abs(pobj)))
            {
                return (SolveStatus.Optimal, it, x, y, zl, zu);
            }

            if (it == MaxIterations || stalls >= 5 || !double.IsFinite(primal + dual + gap))
            {
                return (SolveStatus.LimitReached, it, x, y, zl, zu);
            }

            for (var j = 0; j < n; j++)
            {
                sl[j] = hasL[j] ? zl[j] / (x[j] - _lo[j]) : 0.0;
                su[j] = hasU[j] ? zu[j] / (_hi[j] - x[j]) : 0.0;
                w[j] = 1.0 / (q[j] + sl[j] + su[j] + PrimalRegularization);
            }

            _normal?.Factor(w, DualRegularization);

            // Predictor: the affine-scaling direction (complementarity target 0).
            for (var j = 0; j < n; j++)
            {
                rl[j] = hasL[j] ? -zl[j] : 0.0;
                ru[j] = hasU[j] ? -zu[j] : 0.0;
            }

            Direction(rp, rd, w, sl, su, rl, ru, h, dxAff, dy, dzlAff, dzuAff);
            var alphaAff = StepLength(x, zl, zu, dxAff, dzlAff, dzuAff, hasL, hasU, 1.0);
            var gapAff = 0.0;
            for (var j = 0; j < n; j++)
            {
                if (hasL[j])
                {
                    gapAff += (x[j] + (alphaAff * dxAff[j]) - _lo[j]) * (zl[j] + (alphaAff * dzlAff[j]));
                }

                if (hasU[j])
                {
                    gapAff += (_hi[j] - x[j] - (alphaAff * dxAff[j])) * (zu[j] + (alphaAff * dzuAff[j]));
                }
            }

            var sigma = bounded > 0 && gap > 0 ? Math.Pow(Math.Clamp(gapAff / gap, 0.0, 1.0), 3) : 0.0;

            // Corrector: centring plus the second-order term of the predictor.
            for (var j = 0; j < n; j++)
            {
                rl[j] = hasL[j] ? (((sigma * mu) - (dxAff[j] * dzlAff[j])) / (x[j] - _lo[j])) - zl[j] : 0.0;
                ru[j] = hasU[j] ? (((sigma * mu) + (dxAff[j] * dzuAff[j])) / (_hi[j] - x[j])) - zu[j] : 0.0;
            }

            Direction(rp, rd, w, sl, su, rl, ru, h, dx, dy, dzl, dzu);
            var alpha = StepLength(x, zl, zu, dx, dzl, dzu, hasL, hasU, StepFraction);
            stalls = alpha < 1e-10 ? stalls + 1 : 0;
            for (var j = 0; j < n; j++)
            {
                x[j] += alpha * dx[j];
                zl[j] = hasL[j] ? Math.Max(zl[j] + (alpha * dzl[j]), 1e-300) : 0.0;
                zu[j] = hasU[j] ? Math.Max(zu[j] + (alpha * dzu[j]), 1e-300) : 0.0;
            }

            for (var k = 0; k < m; k++)
            {
                y[k] += alpha * dy[k];
            }
        }

        return (SolveStatus.LimitReached, MaxIterations, x, y, zl, zu);
    }

    /// <summary>
    /// The warm starting point: the held solution with every bounded variable at least <see cref="WarmShift"/>
    /// (relative) inside its bounds (the middle of a narrower range), the multipliers rescaled to this objective's
    /// scale and each bound's complementarity at least <see cref="WarmComplementarity"/>, the row multipliers kept.
    /// </summary>
    private void WarmPoint(InteriorPointStart warm, double scale, bool[] hasL, bool[] hasU, double[] x, double[] zl, double[] zu, double[] y)
    {
        var ratio = warm.Scale / scale;
        for (var j = 0; j < _cols; j++)
        {
            var v = warm.X![j];
            var shift = WarmShift * (1.0 + Math.Abs(v));
            if (hasL[j] && hasU[j] && _hi[j] - _lo[j] <= 2 * shift)
            {
                v = 0.5 * (_lo[j] + _hi[j]);
            }
            else
            {
                v = hasL[j] ? Math.Max(v, _lo[j] + shift) : v;
                v = hasU[j] ? Math.Min(v, _hi[j] - shift) : v;
            }

            x[j] = v;
            zl[j] = hasL[j] ? Math.Max(warm.LowerDuals![j] * ratio, WarmComplementarity / (v - _lo[j])) : 0.0;
            zu[j] = hasU[j] ? Math.Max(warm.UpperDuals![j] * ratio, WarmComplementarity / (_hi[j] - v)) : 0.0;
        }

        for (var k = 0; k < _m; k++)
        {
            y[k] = warm.RowDuals![k] * ratio;
        }
    }

    /// <summary>
    /// One Newton direction: (Q + Σ)dx − Aᵀdy = h with h = −r_d + r_l − r_u, A·dx = r_p, through the normal equations
    /// A·W·Aᵀ·dy = r_p − A·W·h (two refinement steps against the unregularised operator), then dx and the bound duals.
    /// </summary>
    private void Direction(double[] rp, double[] rd, double[] w, double[] sl, double[] su, double[] rl, double[] ru, double[] h, double[] dx, double[] dy, double[] dzl, double[] dzu)
    {
        int n = _cols, m = _m;
        for (var j = 0; j < n; j++)
        {
            h[j] = -rd[j] + rl[j] - ru[j];
            dx[j] = w[j] * h[j];
        }

        if (m > 0)
        {
            var rhs = _rhs;
            var residual = _residual;
            var correction = _correction;
            Multiply(dx, rhs);
            var rhsNorm = 0.0;
            for (var k = 0; k < m; k++)
            {
                rhs[k] = rp[k] - rhs[k];
                rhsNorm = Math.Max(rhsNorm, Math.Abs(rhs[k]));
            }

            SolveRefined(_normal!, w, rhs, rhsNorm, dy, dx, residual, correction);
        }

        for (var j = 0; j < n; j++)
        {
            var aty = 0.0;
            for (var p = _start[j]; p < _start[j + 1]; p++)
            {
                aty += _value[p] * dy[_index[p]];
            }

            dx[j] = w[j] * (h[j] + aty);
            dzl[j] = rl[j] - (sl[j] * dx[j]);
            dzu[j] = ru[j] + (su[j] * dx[j]);
        }
    }

    /// <summary>
    /// Solves A·W·Aᵀ·y = rhs with the factor <paramref name="normal"/> and up to two refinement steps against the
    /// unregularised operator, refining only while the residual is above the threshold: most factorisations are
    /// accurate at once (docs/mechanisms/admm.md#acceleration). Scratch: a column vector and two row vectors.
    /// </summary>
    private void SolveRefined(NormalEquations normal, double[] w, double[] rhs, double rhsNorm, double[] y, double[] columnScratch, double[] residual, double[] correction)
    {
        normal.Solve(rhs, y);
        for (var refine = 0; refine < 2; refine++)
        {
            NormalProduct(w, y, columnScratch, residual);
            var largest = 0.0;
            for (var k = 0; k < _m; k++)
            {
                residual[k] = rhs[k] - residual[k];
                largest = Math.Max(largest, Math.Abs(residual[k]));
            }

            if (largest <= RefinementThreshold * (1.0 + rhsNorm))
            {
                break;
            }

            normal.Solve(residual, correction);
            for (var k = 0; k < _m; k++)
            {
                y[k] += correction[k];
            }
        }
    }

    private double StepLength(double[] x, double[] zl, double[] zu, double[] dx, double[] dzl, double[] dzu, bool[] hasL, bool[] hasU, double fraction)
    {
        var alpha = 1.0 / fraction;
        for (var j = 0; j < _cols; j++)
        {
            if (hasL[j])
            {
                if (dx[j] < 0)
                {
                    alpha = Math.Min(alpha, (x[j] - _lo[j]) / -dx[j]);
                }

                if (dzl[j] < 0)
                {
                    alpha = Math.Min(alpha, zl[j] / -dzl[j]);
                }
            }

            if (hasU[j])
            {
                if (dx[j] > 0)
                {
                    alpha = Math.Min(alpha, (_hi[j] - x[j]) / dx[j]);
                }

                if (dzu[j] < 0)
                {
                    alpha = Math.Min(alpha, zu[j] / -dzu[j]);
                }
            }
        }

        return Math.Min(1.0, fraction * alpha);
    }

    /// <summary>result = A·v.</summary>
    private void Multiply(ReadOnlySpan<double> v, Span<double> result)
    {
        result.Clear();
        for (var j = 0; j < _cols; j++)
        {
            var vj = v[j];
            if (vj != 0)
            {
                for (var p = _start[j]; p < _start[j + 1]; p++)
                {
                    result[_index[p]] += _value[p] * vj;
                }
            }
        }
    }

    /// <summary>result = A·W·Aᵀ·v (scratch: a column vector).</summary>
    private void NormalProduct(double[] w, double[] v, double[] scratch, double[] result)
    {
        for (var j = 0; j < _cols; j++)
        {
            var s = 0.0;
            for (var p = _start[j]; p < _start[j + 1]; p++)
            {
                s += _value[p] * v[_index[p]];
            }

            scratch[j] = w[j] * s;
        }

        Multiply(scratch, result);
    }
}
