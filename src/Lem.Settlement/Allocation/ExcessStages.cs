using System.Numerics;
using Lem.Optimization;

namespace Lem.Settlement.Allocation;

/// <summary>
/// The sequence of LPs behind the nucleolus (docs/allocation.md#nucleolus): stage k maximises t subject to C(S) − x(S) ≥ t for
/// every coalition not yet fixed, x(N) = C(N) and x(S) = C(S) − t*_j for coalitions fixed at earlier stages; then
/// fixes the coalitions whose excess is forced to t*_k.
/// </summary>
/// <remarks>
/// A coalition is forced when its row has a non-zero dual (complementary slackness: it is tight in every optimum),
/// or when its indicator lies in the span of the fixed rows (its excess is then constant). Coalitions slack at the
/// stage's optimum are not forced (the optimum itself is the witness). The remaining tight coalitions U are settled by LPs that maximise
/// Σ_{S∈U} e(S, x) with t held at t*_k: those whose excess rises are not forced; when none rises, all are. Once the
/// fixed rows determine x, the remaining coalitions are fixed by increasing excess without further LPs.
/// </remarks>
internal sealed class ExcessStages
{
    private const double DualTolerance = 1e-7;
    private readonly CoalitionTable _table;
    private readonly int _n;
    private readonly List<ulong> _free = [];
    private readonly Subspace _span;
    private List<(ulong Mask, double Excess)>? _sortedByExcess;
    private int _nextSorted;

    public ExcessStages(CoalitionTable table)
    {
        _table = table;
        _n = table.PlayerCount;
        _span = new Subspace(_n);
        var full = (1UL << _n) - 1;
        _span.TryAdd(Subspace.Indicator(_n, full), table.GrandCoalitionCostEur);
        for (var m = 1UL; m < full; m++)
        {
            _free.Add(m);
        }

        var scale = 1.0;
        foreach (var c in table.Costs)
        {
            scale = Math.Max(scale, Math.Abs(c));
        }

        ToleranceEur = 1e-7 * scale;
        X = _span.Rank == _n ? _span.Solve() : null;
    }

    /// <summary>The excess tolerance in EUR (1e-7 of the largest |C(S)|, at least 1e-7).</summary>
    public double ToleranceEur { get; }

    /// <summary>The allocation of the last stage (its LP optimum, or the solution of the fixed rows once they determine it).</summary>
    public double[]? X { get; private set; }

    /// <summary>Whether coalitions remain to be fixed.</summary>
    public bool HasFree => _free.Count > 0;

    /// <summary>The fixed rows (independent ones, the grand coalition's first).</summary>
    public Subspace Span => _span;

    /// <summary>The coalitions not fixed yet.</summary>
    public IReadOnlyList<ulong> Free => _free;

    /// <summary>Stages solved so far.</summary>
    public int StageCount { get; private set; }

    /// <summary>Solves the next stage and fixes its coalitions; returns t*_k and the fixed masks.</summary>
    public (double T, List<ulong> Fixed) Next()
    {
        if (_free.Count == 0)
        {
            throw new InvalidOperationException("Every coalition is fixed already.");
        }

        StageCount++;
        if (_span.Rank == _n)
        {
            return NextDetermined();
        }

        var (t, x, duals) = SolveStage();
        var tight = new List<int>();
        for (var k = 0; k < _free.Count; k++)
        {
            if (Excess(_free[k], x) - t <= ToleranceEur)
            {
                tight.Add(k);
            }
        }

        var forced = new HashSet<int>();
        foreach (var k in tight.Where(k => Math.Abs(duals[k]) > DualTolerance).OrderByDescending(k => Math.Abs(duals[k])).ThenBy(k => k))
        {
            forced.Add(k);
            _span.TryAdd(Subspace.Indicator(_n, _free[k]), _table[_free[k]] - t);
        }

        var undecided = new List<int>();
        foreach (var k in tight.Where(k => !forced.Contains(k)))
        {
            var row = Subspace.Indicator(_n, _free[k]);
            if (_span.Contains(row))
            {
                forced.Add(k);
                _span.TryAdd(row, _table[_free[k]] - t);
            }
            else
            {
                undecided.Add(k);
            }
        }

        // Maximise the undecided coalitions' total excess with t held at t*: those that rise above t* are not forced;
        // when none rises, every one of them is at t* in every optimum, so all are forced.
        while (undecided.Count > 0)
        {
            var y = MaxTotalExcess([.. undecided.Select(k => _free[k])], t, x);
            var rising = undecided.Where(k => Excess(_free[k], y) > t + ToleranceEur).ToHashSet();
            if (rising.Count == 0)
            {
                foreach (var k in undecided)
                {
                    forced.Add(k);
                    _span.TryAdd(Subspace.Indicator(_n, _free[k]), _table[_free[k]] - t);
                }

                break;
            }

            undecided.RemoveAll(rising.Contains);
        }

        if (forced.Count == 0)
        {
            // Cannot happen in exact arithmetic (the duals of t's column sum to 1); guard against a degenerate solver answer.
            var k = tight.Count > 0 ? tight.OrderByDescending(j => Math.Abs(duals[j])).First() : 0;
            forced.Add(k);
            _span.TryAdd(Subspace.Indicator(_n, _free[k]), _table[_free[k]] - t);
        }

        var fixedMasks = forced.Order().Select(k => _free[k]).ToList();
        foreach (var k in forced.OrderDescending())
        {
            _free.RemoveAt(k);
        }

        X = _span.Rank == _n ? _span.Solve() : x;
        return (t, fixedMasks);
    }

    /// <summary>The excess C(S) − x(S) in EUR.</summary>
    public double Excess(ulong mask, double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < _n; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                sum += x[i];
            }
        }

        return _table[mask] - sum;
    }

    private (double T, List<ulong> Fixed) NextDetermined()
    {
        // x no longer changes: order the remaining coalitions by excess once, then fix them group by group.
        var x = X ??= _span.Solve();
        if (_sortedByExcess is null)
        {
            _sortedByExcess = [.. _free.Select(m => (Mask: m, Excess: Excess(m, x))).OrderBy(e => e.Excess).ThenBy(e => e.Mask)];
            _nextSorted = 0;
        }

        var min = _sortedByExcess[_nextSorted].Excess;
        var group = new List<ulong>();
        while (_nextSorted < _sortedByExcess.Count && _sortedByExcess[_nextSorted].Excess <= min + ToleranceEur)
        {
            group.Add(_sortedByExcess[_nextSorted].Mask);
            _nextSorted++;
        }

        var removed = group.ToHashSet();
        _free.RemoveAll(removed.Contains);
        return (min, group);
    }

    /// <summary>
    /// Solves the stage LP max t s.t. C(S) − x(S) ≥ t (S free), fixed rows, by row generation: start from the
    /// singletons, their complements and the coalitions with the smallest excess at the last x; add the most violated
    /// rows until none is violated. The final LP's optimum and duals (zero for rows left out) are optimal for the full LP.
    /// </summary>
    private (double T, double[] X, double[] Duals) SolveStage()
    {
        var rows = new HashSet<ulong>(_free.Where(m => BitOperations.PopCount(m) == 1 || BitOperations.PopCount(m) == _n - 1));
        if (X is { } previous)
        {
            foreach (var m in _free.OrderBy(m => Excess(m, previous)).ThenBy(m => m).Take(4 * _n))
            {
                rows.Add(m);
            }
        }

        for (var round = 0; ; round++)
        {
            var model = new OptimizationModel($"nucleolus-stage-{StageCount}");
            var x = AddX(model);
            var t = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, "t");
            var list = rows.Order().ToArray();
            var constraints = new Constraint[list.Length];
            for (var k = 0; k < list.Length; k++)
            {
                constraints[k] = model.AddLessOrEqual(Sum(x, list[k]).Add(t, 1.0), _table[list[k]]);
            }

            AddFixedRows(model, x);
            model.SetObjective(new LinearExpression().Add(t, -1.0));
            var solution = Solve(model);
            var tValue = solution.Value(t);
            double[] xValue = [.. x.Select(solution.Value)];
            if (AddViolated(rows, tValue, xValue, round) == 0)
            {
                var dual = new Dictionary<ulong, double>();
                for (var k = 0; k < list.Length; k++)
                {
                    dual[list[k]] = solution.Dual(constraints[k]);
                }

                return (tValue, xValue, [.. _free.Select(m => dual.GetValueOrDefault(m))]);
            }
        }
    }

    /// <summary>
    /// An x that maximises Σ_{S∈U} (C(S) − x(S)) subject to C(S') − x(S') ≥ t for the free coalitions and the fixed
    /// rows, by row generation from U, the complements of U, the singletons and the rows tight at <paramref name="current"/>.
    /// </summary>
    private double[] MaxTotalExcess(ulong[] undecided, double t, double[] current)
    {
        var full = (1UL << _n) - 1;
        var free = _free.ToHashSet();
        var rows = new HashSet<ulong>(undecided);
        foreach (var m in undecided)
        {
            if (free.Contains(full & ~m))
            {
                rows.Add(full & ~m);
            }
        }

        foreach (var m in _free.Where(m => BitOperations.PopCount(m) == 1 || Excess(m, current) <= t + ToleranceEur))
        {
            rows.Add(m);
        }

        for (var round = 0; ; round++)
        {
            var model = new OptimizationModel($"nucleolus-check-{StageCount}");
            var x = AddX(model);
            foreach (var m in rows.Order())
            {
                model.AddLessOrEqual(Sum(x, m), _table[m] - t);
            }

            AddFixedRows(model, x);
            var objective = new LinearExpression();
            foreach (var m in undecided)
            {
                objective.Add(Sum(x, m));
            }

            model.SetObjective(objective);
            var solution = Solve(model);
            double[] y = [.. x.Select(solution.Value)];
            if (AddViolated(rows, t, y, round) == 0)
            {
                return y;
            }
        }
    }

    /// <summary>Adds the free coalitions whose excess at x is below t (the most violated first, a bounded number); returns how many.</summary>
    private int AddViolated(HashSet<ulong> rows, double t, double[] x, int round)
    {
        if (round > 1000)
        {
            throw new AllocationException("Row generation for the nucleolus LP did not settle after 1000 rounds.");
        }

        var violated = _free
            .Where(m => !rows.Contains(m))
            .Select(m => (Mask: m, Excess: Excess(m, x)))
            .Where(e => e.Excess < t - (0.01 * ToleranceEur))
            .OrderBy(e => e.Excess).ThenBy(e => e.Mask)
            .Take(Math.Max(50, 4 * _n))
            .ToList();
        foreach (var (mask, _) in violated)
        {
            rows.Add(mask);
        }

        return violated.Count;
    }

    private Variable[] AddX(OptimizationModel model) =>
        [.. Enumerable.Range(0, _n).Select(i => model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"x{i}"))];

    private void AddFixedRows(OptimizationModel model, Variable[] x)
    {
        foreach (var (row, rhs) in _span.Rows)
        {
            var e = new LinearExpression();
            for (var i = 0; i < _n; i++)
            {
                if (row[i] != 0)
                {
                    e.Add(x[i], row[i]);
                }
            }

            model.AddEquality(e, rhs);
        }
    }

    private LinearExpression Sum(Variable[] x, ulong mask)
    {
        var e = new LinearExpression(BitOperations.PopCount(mask));
        for (var i = 0; i < _n; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                e.Add(x[i], 1.0);
            }
        }

        return e;
    }

    private static Solution Solve(OptimizationModel model)
    {
        var solution = Solvers.For(model).Solve(model);
        return solution.Status == SolveStatus.Optimal
            ? solution
            : throw new AllocationException($"The LP '{model.Name}' ended with {solution.Status} ({solution.Message ?? "no message"}) in solver '{solution.SolverName}'.");
    }
}
