using System.Numerics;
using Lem.Grid.Sparse;

namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// A three-phase network compiled for Newton–Raphson in current-injection form in the phase frame
/// (docs/three-phase.md, "Newton–Raphson"): the nodal admittance matrix Y (lines, transformers, shunts, source
/// impedances) is assembled once, the Jacobian's sparsity pattern (Y plus the loads' 2×2 blocks) is analysed once by
/// KLU, and each <see cref="Solve(IReadOnlyList{ThreePhaseLoad}, IReadOnlyList{ThreePhaseGenerator})"/> only
/// refactorises with new values. The unknowns are the real and imaginary parts of every free node voltage; the
/// mismatch is F(V) = Y V + I_drawn(V) − I_source. Successive solves start from the previous converged voltages.
/// Not thread-safe; dispose it to free the native factorisation.
/// </summary>
public sealed class PreparedThreePhasePowerFlow : IDisposable
{
    private readonly PhaseFrameModel _model;
    private readonly ThreePhasePowerFlowOptions _options;
    private readonly int[] _unknownOfNode;
    private readonly int[] _nodeOfUnknown;
    private readonly Complex[] _fixedVoltage;
    private readonly Complex[] _sourceCurrent;
    private readonly Complex[] _pinnedBaseCurrent;
    private readonly List<SourceTerm> _pinned;
    private readonly int[] _rowStarts;
    private readonly int[] _rowColumns;
    private readonly Complex[] _rowValues;
    private readonly int[] _columnStarts;
    private readonly int[] _rowIndices;
    private readonly Dictionary<long, int> _entryPosition;
    private readonly double[] _baseJacobian;
    private readonly double[] _jacobian;
    private readonly Complex[] _start;
    private Complex[]? _last;
    private KluSolver? _klu;
    private ZBusFixedPoint? _zbus;
    private bool _zbusTried;
    private int _sourceVersion;

    internal PreparedThreePhasePowerFlow(PhaseFrameModel model, ThreePhasePowerFlowOptions options)
    {
        _model = model;
        _options = options;
        var nodes = 3 * model.BusCount;

        // Fixed nodes: ideal sources, and buses no source reaches (held at zero).
        var reached = Reach(model, out var angleOffset);
        _fixedVoltage = new Complex[nodes];
        var isFixed = new bool[nodes];
        _start = new Complex[nodes];
        var reference = model.Sources.Count > 0 ? model.Sources[0] : null;
        for (var b = 0; b < model.BusCount; b++)
        {
            var magnitude = model.PhaseBaseVoltageV[b] * (reference?.Source.VoltagePu ?? 1.0);
            var angle = ((reference?.Source.AngleDegree ?? 0.0) * Math.PI / 180.0) + angleOffset[b];
            var set = SequenceFrame.Balanced(Complex.FromPolarCoordinates(magnitude, angle));
            for (var p = 0; p < 3; p++)
            {
                _start[(3 * b) + p] = reached[b] ? set[p] : Complex.Zero;
                isFixed[(3 * b) + p] = !reached[b];
            }
        }

        _sourceCurrent = new Complex[nodes];
        var triplets = new List<(int Row, int Column, Complex Value)>();
        var injected = new Complex[3];
        foreach (var source in model.Sources)
        {
            if (source.Admittance is null)
            {
                for (var p = 0; p < 3; p++)
                {
                    isFixed[(3 * source.Bus) + p] = true;
                    _fixedVoltage[(3 * source.Bus) + p] = source.Voltage[p];
                    _start[(3 * source.Bus) + p] = source.Voltage[p];
                }
            }
            else
            {
                source.Admittance.Multiply(source.Voltage, injected);
                for (var p = 0; p < 3; p++)
                {
                    _sourceCurrent[(3 * source.Bus) + p] += injected[p];
                }

                AddBlock(triplets, source.Bus, source.Bus, source.Admittance);
            }
        }

        foreach (var branch in model.Branches)
        {
            AddBlock(triplets, branch.From, branch.From, branch.Admittance.FromFrom);
            AddBlock(triplets, branch.From, branch.To, branch.Admittance.FromTo);
            AddBlock(triplets, branch.To, branch.From, branch.Admittance.ToFrom);
            AddBlock(triplets, branch.To, branch.To, branch.Admittance.ToTo);
        }

        for (var b = 0; b < model.BusCount; b++)
        {
            AddBlock(triplets, b, b, model.BusShunts[b]);
        }

        _pinnedBaseCurrent = (Complex[])_sourceCurrent.Clone();
        _pinned = [.. model.Sources.Where(s => s.Admittance is not null && s.Source.ImpedanceModel == SourceImpedanceModel.NegativeAndZeroSequences)];
        _unknownOfNode = new int[nodes];
        var free = new List<int>();
        for (var node = 0; node < nodes; node++)
        {
            _unknownOfNode[node] = isFixed[node] ? -1 : free.Count;
            if (!isFixed[node])
            {
                free.Add(node);
            }
        }

        _nodeOfUnknown = [.. free];
        var m = free.Count;

        // Rows of Y for the free nodes over all columns (for the mismatch), summed per (row, column).
        var rows = new SortedDictionary<int, Complex>[m];
        for (var k = 0; k < m; k++)
        {
            rows[k] = [];
        }

        foreach (var (row, column, value) in triplets)
        {
            var k = _unknownOfNode[row];
            if (k < 0)
            {
                continue;
            }

            rows[k][column] = rows[k].TryGetValue(column, out var sum) ? sum + value : value;
        }

        // Every bus's 3×3 block is in the pattern, so delta loads and generators fit anywhere.
        for (var k = 0; k < m; k++)
        {
            var busNode = 3 * (_nodeOfUnknown[k] / 3);
            for (var p = 0; p < 3; p++)
            {
                rows[k].TryAdd(busNode + p, Complex.Zero);
            }
        }

        _rowStarts = new int[m + 1];
        var columnsList = new List<int>();
        var valuesList = new List<Complex>();
        var columnEntries = new List<(int Row, Complex Value)>[m];
        for (var k = 0; k < m; k++)
        {
            columnEntries[k] = [];
        }

        for (var k = 0; k < m; k++)
        {
            foreach (var (column, value) in rows[k])
            {
                columnsList.Add(column);
                valuesList.Add(value);
                var j = _unknownOfNode[column];
                if (j >= 0)
                {
                    columnEntries[j].Add((k, value));
                }
            }

            _rowStarts[k + 1] = columnsList.Count;
        }

        _rowColumns = [.. columnsList];
        _rowValues = [.. valuesList];

        // The complex pattern over free × free in column form (rows ascending), then its real 2×2 expansion.
        var complexStarts = new int[m + 1];
        for (var j = 0; j < m; j++)
        {
            complexStarts[j + 1] = complexStarts[j] + columnEntries[j].Count;
        }

        var realSize = 2 * m;
        _columnStarts = new int[realSize + 1];
        _rowIndices = new int[4 * complexStarts[m]];
        _baseJacobian = new double[4 * complexStarts[m]];
        _entryPosition = new Dictionary<long, int>(complexStarts[m]);
        for (var j = 0; j < m; j++)
        {
            var entries = columnEntries[j];
            var start = 4 * complexStarts[j];
            var length = entries.Count;
            _columnStarts[2 * j] = start;
            _columnStarts[(2 * j) + 1] = start + (2 * length);
            for (var q = 0; q < length; q++)
            {
                var (row, value) = entries[q];
                _entryPosition[Key(row, j)] = start + (2 * q);
                var e = start + (2 * q);
                var f = start + (2 * length) + (2 * q);
                _rowIndices[e] = 2 * row;
                _rowIndices[e + 1] = (2 * row) + 1;
                _rowIndices[f] = 2 * row;
                _rowIndices[f + 1] = (2 * row) + 1;
                _baseJacobian[e] = value.Real;
                _baseJacobian[e + 1] = value.Imaginary;
                _baseJacobian[f] = -value.Imaginary;
                _baseJacobian[f + 1] = value.Real;
            }
        }

        _columnStarts[realSize] = _rowIndices.Length;
        _jacobian = new double[_baseJacobian.Length];
    }

    /// <summary>The number of real unknowns (twice the free phase nodes).</summary>
    public int UnknownCount => 2 * _nodeOfUnknown.Length;

    /// <summary>The number of full KLU factorisations so far.</summary>
    public int FullFactorizations => _klu?.FullFactorizations ?? 0;

    /// <summary>The number of KLU refactorisations (pivot order reused) so far.</summary>
    public int Refactorizations => _klu?.Refactorizations ?? 0;

    /// <summary>Solves with the network's own loads and generators.</summary>
    public ThreePhasePowerFlowResult Solve() => Result(SolveTerms(_model.Loads, _options.Algorithm == ThreePhaseAlgorithm.ZBusFixedPoint));

    /// <summary>
    /// Solves with <paramref name="loads"/> and <paramref name="generators"/> instead of the network's (any buses of the
    /// network; a time series passes each step's loads). Starts from the last converged voltages. Newton–Raphson,
    /// unless the options ask for <see cref="ThreePhaseAlgorithm.ZBusFixedPoint"/>.
    /// </summary>
    /// <exception cref="ArgumentException">When a load or generator is inconsistent (unknown bus, power on an unconnected phase).</exception>
    public ThreePhasePowerFlowResult Solve(IReadOnlyList<ThreePhaseLoad> loads, IReadOnlyList<ThreePhaseGenerator> generators) =>
        Result(SolveTerms(Terms(loads, generators), _options.Algorithm == ThreePhaseAlgorithm.ZBusFixedPoint));

    /// <summary>
    /// Solves one step of a time series and returns only its summary (docs/three-phase.md, "Time series"), computed
    /// from the node voltages without building the per-bus and per-branch results. Uses the Z-bus fixed point unless
    /// the options ask for Newton–Raphson or the sweep (then Newton–Raphson, as <see cref="Solve(IReadOnlyList{ThreePhaseLoad}, IReadOnlyList{ThreePhaseGenerator})"/>);
    /// a step the fixed point does not converge on is solved by Newton–Raphson.
    /// </summary>
    /// <exception cref="ArgumentException">When a load or generator is inconsistent (unknown bus, power on an unconnected phase).</exception>
    public TimeSeries.ThreePhaseStepSummary SolveSummary(int step, IReadOnlyList<ThreePhaseLoad> loads, IReadOnlyList<ThreePhaseGenerator> generators)
    {
        var fast = _options.Algorithm is ThreePhaseAlgorithm.Auto or ThreePhaseAlgorithm.ZBusFixedPoint;
        var outcome = SolveTerms(Terms(loads, generators), fast);
        return TimeSeries.ThreePhaseStepSummary.Of(step, _model, outcome.Voltage, outcome.Converged, outcome.Iterations);
    }

    private LoadTerm[] Terms(IReadOnlyList<ThreePhaseLoad> loads, IReadOnlyList<ThreePhaseGenerator> generators)
    {
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(generators);
        var before = _model.Problems.Count;
        var terms = _model.LoadTerms(loads, generators);
        if (_model.Problems.Count > before)
        {
            var problems = _model.Problems.Skip(before).ToList();
            _model.Problems.RemoveRange(before, problems.Count);
            throw new ArgumentException(string.Join("; ", problems), nameof(loads));
        }

        return terms;
    }

    private ThreePhasePowerFlowResult Result(SolveOutcome outcome) =>
        ThreePhaseResultBuilder.Build(_model, outcome.Voltage, outcome.Converged, outcome.Iterations, outcome.Algorithm, outcome.Message);

    private SolveOutcome SolveTerms(LoadTerm[] terms, bool fast)
    {
        // A source that fixes the positive sequence (pandapower's slack) is a Norton source with a large
        // positive-sequence admittance; its small residual deviation is removed by shifting the internal voltage
        // until the bus's positive-sequence voltage equals the set point (docs/three-phase.md, "Sources").
        if (_pinned.Count > 0)
        {
            Array.Copy(_pinnedBaseCurrent, _sourceCurrent, _sourceCurrent.Length);
            _sourceVersion++;
        }

        var start = _last ?? _start;
        var outcome = default(SolveOutcome);
        for (var round = 0; round < 6; round++)
        {
            outcome = fast ? SolveOnceFast(terms, start) : SolveOnce(terms, start);
            if (!outcome.Converged || _pinned.Count == 0)
            {
                return outcome;
            }

            var voltage = outcome.Voltage;
            var worst = 0.0;
            foreach (var source in _pinned)
            {
                var node = 3 * source.Bus;
                var (_, positive, _) = SequenceFrame.Components(voltage[node], voltage[node + 1], voltage[node + 2]);
                var deviation = source.Voltage[0] - positive;
                worst = Math.Max(worst, deviation.Magnitude / _model.PhaseBaseVoltageV[source.Bus]);
                var shift = SequenceFrame.Balanced(deviation);
                var extra = new Complex[3];
                source.Admittance!.Multiply(shift, extra);
                for (var p = 0; p < 3; p++)
                {
                    _sourceCurrent[node + p] += extra[p];
                }
            }

            _sourceVersion++;
            if (worst < _options.TolerancePu)
            {
                return outcome;
            }

            start = voltage;
        }

        return outcome;
    }

    /// <summary>
    /// The Z-bus fixed point (docs/three-phase.md, "Z-bus fixed point") to a tolerance 100 times tighter than the
    /// options' (its convergence is linear), falling back to Newton–Raphson when Y_ff is singular or it does not converge.
    /// </summary>
    private SolveOutcome SolveOnceFast(LoadTerm[] terms, Complex[] start)
    {
        if (!_zbusTried)
        {
            _zbusTried = true;
            _zbus = ZBusFixedPoint.TryCreate(_model, _nodeOfUnknown, _unknownOfNode, _rowStarts, _rowColumns, _rowValues, _fixedVoltage, _columnStarts, _rowIndices, _baseJacobian);
        }

        if (_zbus is null)
        {
            return SolveOnce(terms, start);
        }

        if (_zbus.SourceVersion != _sourceVersion)
        {
            _zbus.SetSourceCurrent(_sourceCurrent, _sourceVersion);
        }

        if (!_zbus.Solve(terms, start, _options.TolerancePu / 100.0, 10 * _options.MaxIterations, out var iterations))
        {
            return SolveOnce(terms, start);
        }

        _last = _zbus.Voltage;
        return new SolveOutcome(_zbus.Voltage, true, iterations, ThreePhaseAlgorithm.ZBusFixedPoint, null);
    }

    private SolveOutcome SolveOnce(LoadTerm[] terms, Complex[] start)
    {
        var voltage = (Complex[])start.Clone();
        var m = _nodeOfUnknown.Length;
        var mismatch = new double[2 * m];
        var drawn = new Complex[voltage.Length];
        var converged = false;
        var iteration = 0;
        string? message = null;
        while (m > 0 && iteration < _options.MaxIterations)
        {
            iteration++;
            Array.Clear(drawn);
            PhaseFrameModel.AddDrawnCurrents(terms, voltage, drawn);
            for (var k = 0; k < m; k++)
            {
                var node = _nodeOfUnknown[k];
                var sum = drawn[node] - _sourceCurrent[node];
                for (var p = _rowStarts[k]; p < _rowStarts[k + 1]; p++)
                {
                    sum += _rowValues[p] * voltage[_rowColumns[p]];
                }

                mismatch[2 * k] = sum.Real;
                mismatch[(2 * k) + 1] = sum.Imaginary;
            }

            FillJacobian(terms, voltage);
            var klu = Newton();
            var status = klu.IsFactored ? klu.Refactor(_jacobian) : klu.Factor(_jacobian);
            if (status != KluStatus.Ok)
            {
                message = $"the Jacobian could not be factorised ({status})";
                break;
            }

            klu.Solve(mismatch);
            var change = 0.0;
            for (var k = 0; k < m; k++)
            {
                var node = _nodeOfUnknown[k];
                var step = new Complex(mismatch[2 * k], mismatch[(2 * k) + 1]);
                voltage[node] -= step;
                change = Math.Max(change, step.Magnitude / _model.PhaseBaseVoltageV[node / 3]);
            }

            if (double.IsNaN(change))
            {
                message = "the iteration diverged (NaN)";
                break;
            }

            if (change < _options.TolerancePu)
            {
                converged = true;
                break;
            }
        }

        if (m == 0)
        {
            converged = true;
        }

        if (converged)
        {
            _last = voltage;
        }
        else
        {
            message ??= $"no convergence in {_options.MaxIterations} iterations";
        }

        return new SolveOutcome(voltage, converged, iteration, ThreePhaseAlgorithm.NewtonRaphson, message);
    }

    /// <summary>The Newton–Raphson solver: the Jacobian's pattern analysed by KLU at the first Newton step.</summary>
    private KluSolver Newton()
    {
        if (_klu is null)
        {
            var klu = new KluSolver();
            try
            {
                klu.Analyze(_columnStarts.Length - 1, _columnStarts, _rowIndices);
            }
            catch
            {
                klu.Dispose();
                throw;
            }

            _klu = klu;
        }

        return _klu;
    }

    private void FillJacobian(LoadTerm[] terms, Complex[] voltage)
    {
        Array.Copy(_baseJacobian, _jacobian, _jacobian.Length);
        foreach (var term in terms)
        {
            var across = term.ReturnNode < 0 ? voltage[term.Node] : voltage[term.Node] - voltage[term.ReturnNode];
            var (byReal, byImaginary) = term.Derivatives(across);
            var i = _unknownOfNode[term.Node];
            var r = term.ReturnNode < 0 ? -1 : _unknownOfNode[term.ReturnNode];

            // The current drawn at Node is +I(V_node − V_return); at Return it is −I.
            AddDerivative(i, i, byReal, byImaginary, 1.0);
            AddDerivative(i, r, byReal, byImaginary, -1.0);
            AddDerivative(r, i, byReal, byImaginary, -1.0);
            AddDerivative(r, r, byReal, byImaginary, 1.0);
        }
    }

    private void AddDerivative(int row, int column, Complex byReal, Complex byImaginary, double sign)
    {
        if (row < 0 || column < 0)
        {
            return;
        }

        var e = _entryPosition[Key(row, column)];
        var length = (_columnStarts[(2 * column) + 1] - _columnStarts[2 * column]) / 2;
        var f = e + (2 * length);
        _jacobian[e] += sign * byReal.Real;
        _jacobian[e + 1] += sign * byReal.Imaginary;
        _jacobian[f] += sign * byImaginary.Real;
        _jacobian[f + 1] += sign * byImaginary.Imaginary;
    }

    private static long Key(int row, int column) => ((long)row << 32) | (uint)column;

    private static void AddBlock(List<(int Row, int Column, Complex Value)> triplets, int rowBus, int columnBus, PhaseMatrix block)
    {
        if (block.IsZero)
        {
            return;
        }

        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                var value = block[i, j];
                if (value != Complex.Zero)
                {
                    triplets.Add(((3 * rowBus) + i, (3 * columnBus) + j, value));
                }
            }
        }
    }

    /// <summary>Which buses a source reaches through branches, and each one's flat-start angle offset (transformer clock shifts) in radians.</summary>
    private static bool[] Reach(PhaseFrameModel model, out double[] angleOffset)
    {
        var reached = new bool[model.BusCount];
        angleOffset = new double[model.BusCount];
        var adjacency = new List<(int Other, double Shift)>[model.BusCount];
        for (var b = 0; b < model.BusCount; b++)
        {
            adjacency[b] = [];
        }

        foreach (var branch in model.Branches)
        {
            if (branch.Admittance.FromTo.IsZero)
            {
                continue;
            }

            var shift = branch.Transformer is { } t ? -t.ClockNumber * Math.PI / 6.0 : 0.0;
            adjacency[branch.From].Add((branch.To, shift));
            adjacency[branch.To].Add((branch.From, -shift));
        }

        var queue = new Queue<int>();
        foreach (var source in model.Sources)
        {
            if (!reached[source.Bus])
            {
                reached[source.Bus] = true;
                queue.Enqueue(source.Bus);
            }
        }

        while (queue.Count > 0)
        {
            var bus = queue.Dequeue();
            foreach (var (other, shift) in adjacency[bus])
            {
                if (!reached[other])
                {
                    reached[other] = true;
                    angleOffset[other] = angleOffset[bus] + shift;
                    queue.Enqueue(other);
                }
            }
        }

        return reached;
    }

    /// <summary>Frees the native factorisations.</summary>
    public void Dispose()
    {
        _klu?.Dispose();
        _zbus?.Dispose();
    }
}
