using System.Numerics;
using Lem.Grid.Sparse;

namespace Lem.Grid.PowerFlow;

/// <summary>
/// Newton-Raphson AC power flow in polar form (MATPOWER's <c>newtonpf</c>) with a sparse Jacobian factorised by
/// SuiteSparse KLU. The unknowns are the voltage angles at PV and PQ buses and the magnitudes at PQ buses; the mismatch
/// is F = [Re(mis) at PV∪PQ; Im(mis) at PQ] with mis = V·conj(Ybus·V) − Sbus, and the iteration stops when ‖F‖∞ is
/// within <see cref="PowerFlowOptions.TolerancePu"/>.
/// </summary>
/// <remarks>
/// The Jacobian's sparsity pattern, the map from each Ybus entry to its Jacobian positions and KLU's symbolic analysis
/// are built once in the constructor; each iteration only fills the values, refactorises (reusing the pivot order,
/// across solves too) and solves, without allocating. Variables are ordered bus by bus (angle, then magnitude at PQ
/// buses), equations likewise (P, then Q at PQ buses).
/// </remarks>
public sealed class NewtonRaphsonSolver : IPowerFlowSolver
{
    /// <summary>A mismatch above this (p.u.) is treated as divergence.</summary>
    private const double DivergenceMismatchPu = 1e10;

    private readonly int _n;
    private readonly int _m;
    private readonly double _tolerancePu;
    private readonly int _maxIterations;

    // Ybus in CSC, split into real and imaginary parts.
    private readonly int[] _yColumnStarts;
    private readonly int[] _yRows;
    private readonly double[] _yRe;
    private readonly double[] _yIm;
    private readonly int[] _yDiagonal;

    // Per bus: the variable/equation index of its angle/P and magnitude/Q, or _m (a scratch slot) when it has none.
    private readonly int[] _thetaIndex;
    private readonly int[] _vmIndex;

    // Per Ybus entry (row i, column k): the Jacobian value positions of dP_i/dθ_k, dQ_i/dθ_k, dP_i/d|V_k|, dQ_i/d|V_k|,
    // or the scratch slot at the end of _jValues when that entry does not exist.
    private readonly int[] _posPTheta;
    private readonly int[] _posQTheta;
    private readonly int[] _posPVm;
    private readonly int[] _posQVm;

    private readonly double[] _jValues;
    private readonly KluSolver? _klu;

    // Work arrays.
    private readonly double[] _vm;
    private readonly double[] _va;
    private readonly double[] _vRe;
    private readonly double[] _vIm;
    private readonly double[] _iRe;
    private readonly double[] _iIm;
    private readonly double[] _sRe;
    private readonly double[] _sIm;
    private readonly double[] _f;

    private bool _disposed;

    /// <summary>Prepares the solver for a model: Jacobian pattern, position maps and KLU's symbolic analysis.</summary>
    /// <param name="model">The power-flow model.</param>
    /// <param name="options">The tolerance and iteration limit (<see cref="PowerFlowOptions.MaxIterationsNewton"/>).</param>
    /// <exception cref="ArgumentException">When the tolerance or the iteration limit is invalid.</exception>
    /// <exception cref="DllNotFoundException">When SuiteSparse KLU is not installed (Debian package libklu1).</exception>
    public NewtonRaphsonSolver(PowerFlowModel model, PowerFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        PowerFlowOptions.Check(options, sweep: false);

        Model = model;
        Options = options;
        _tolerancePu = options.TolerancePu;
        _maxIterations = options.MaxIterationsNewton;

        var ybus = model.Ybus;
        _n = ybus.Size;
        var n = _n;
        _yColumnStarts = ybus.ColumnStarts;
        _yRows = ybus.RowIndices;
        var nnzY = ybus.NonZeros;
        _yRe = new double[nnzY];
        _yIm = new double[nnzY];
        for (var p = 0; p < nnzY; p++)
        {
            _yRe[p] = ybus.Values[p].Real;
            _yIm[p] = ybus.Values[p].Imaginary;
        }

        _yDiagonal = new int[n];
        for (var k = 0; k < n; k++)
        {
            _yDiagonal[k] = ybus.Find(k, k);
        }

        // Bus roles; a bus listed as slack wins over any other list.
        var role = new BusType[n];
        Array.Fill(role, BusType.Isolated);
        foreach (var i in model.PqBuses)
        {
            role[i] = BusType.Pq;
        }

        foreach (var i in model.PvBuses)
        {
            role[i] = BusType.Pv;
        }

        foreach (var i in model.SlackBuses)
        {
            role[i] = BusType.Slack;
        }

        // Variables bus by bus: θ at PV and PQ, |V| at PQ. Buses in no list are held like slack buses.
        var theta = new int[n];
        var vmIdx = new int[n];
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            theta[i] = role[i] is BusType.Pv or BusType.Pq ? m++ : -1;
            vmIdx[i] = role[i] == BusType.Pq ? m++ : -1;
        }

        _m = m;
        _thetaIndex = new int[n];
        _vmIndex = new int[n];
        for (var i = 0; i < n; i++)
        {
            _thetaIndex[i] = theta[i] >= 0 ? theta[i] : m;
            _vmIndex[i] = vmIdx[i] >= 0 ? vmIdx[i] : m;
        }

        // Jacobian pattern: column θ_k and column |V_k| hold, for every Ybus entry (i, k), the rows P_i (i in PV∪PQ)
        // and Q_i (i in PQ); Ybus rows are sorted, and so are the Jacobian rows.
        var rowsPerYColumn = new int[n];
        for (var k = 0; k < n; k++)
        {
            var count = 0;
            for (var p = _yColumnStarts[k]; p < _yColumnStarts[k + 1]; p++)
            {
                var i = _yRows[p];
                count += (theta[i] >= 0 ? 1 : 0) + (vmIdx[i] >= 0 ? 1 : 0);
            }

            rowsPerYColumn[k] = count;
        }

        var jColumnStarts = new int[m + 1];
        for (var k = 0; k < n; k++)
        {
            if (theta[k] >= 0)
            {
                jColumnStarts[theta[k] + 1] = rowsPerYColumn[k];
            }

            if (vmIdx[k] >= 0)
            {
                jColumnStarts[vmIdx[k] + 1] = rowsPerYColumn[k];
            }
        }

        for (var c = 0; c < m; c++)
        {
            jColumnStarts[c + 1] += jColumnStarts[c];
        }

        var nnzJ = jColumnStarts[m];
        var jRows = new int[nnzJ];
        var scratch = nnzJ;
        _posPTheta = new int[nnzY];
        _posQTheta = new int[nnzY];
        _posPVm = new int[nnzY];
        _posQVm = new int[nnzY];
        Array.Fill(_posPTheta, scratch);
        Array.Fill(_posQTheta, scratch);
        Array.Fill(_posPVm, scratch);
        Array.Fill(_posQVm, scratch);
        for (var k = 0; k < n; k++)
        {
            if (theta[k] >= 0)
            {
                FillColumn(k, jColumnStarts[theta[k]], theta, vmIdx, jRows, _posPTheta, _posQTheta);
            }

            if (vmIdx[k] >= 0)
            {
                FillColumn(k, jColumnStarts[vmIdx[k]], theta, vmIdx, jRows, _posPVm, _posQVm);
            }
        }

        _jValues = new double[nnzJ + 1];
        JacobianSize = m;
        JacobianNonZeros = nnzJ;

        _vm = new double[n];
        _va = new double[n];
        _vRe = new double[n];
        _vIm = new double[n];
        _iRe = new double[n];
        _iIm = new double[n];
        _sRe = new double[n];
        _sIm = new double[n];
        _f = new double[m + 1];

        if (m > 0)
        {
            _klu = new KluSolver();
            try
            {
                _klu.Analyze(m, jColumnStarts, jRows);
            }
            catch
            {
                _klu.Dispose();
                throw;
            }
        }
    }

    /// <inheritdoc />
    public PowerFlowAlgorithm Algorithm => PowerFlowAlgorithm.NewtonRaphson;

    /// <summary>The model the solver was prepared for.</summary>
    public PowerFlowModel Model { get; }

    /// <summary>The options the solver was created with.</summary>
    public PowerFlowOptions Options { get; }

    /// <summary>The number of unknowns: angles at PV and PQ buses plus magnitudes at PQ buses.</summary>
    public int JacobianSize { get; }

    /// <summary>The number of stored Jacobian entries.</summary>
    public int JacobianNonZeros { get; }

    /// <summary>Full KLU factorisations (with pivot search) done so far, over all solves.</summary>
    public int FullFactorizations => _klu?.FullFactorizations ?? 0;

    /// <summary>KLU refactorisations (pivot order reused) done so far, over all solves.</summary>
    public int Refactorizations => _klu?.Refactorizations ?? 0;

    /// <inheritdoc />
    public SolveStats Solve(ReadOnlySpan<Complex> sbusPu, Span<Complex> voltagesPu, IList<double>? mismatchHistory = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (sbusPu.Length != _n)
        {
            throw new ArgumentException($"The injections have {sbusPu.Length} entries; the model has {_n} buses.", nameof(sbusPu));
        }

        if (voltagesPu.Length != _n)
        {
            throw new ArgumentException($"The voltages have {voltagesPu.Length} entries; the model has {_n} buses.", nameof(voltagesPu));
        }

        var vm = _vm;
        var va = _va;
        for (var i = 0; i < _n; i++)
        {
            vm[i] = voltagesPu[i].Magnitude;
            va[i] = voltagesPu[i].Phase;
        }

        var iterations = 0;
        var norm = Mismatch(sbusPu);
        mismatchHistory?.Add(norm);
        PowerFlowStatus status;
        while (true)
        {
            if (!(norm <= DivergenceMismatchPu))
            {
                status = PowerFlowStatus.Diverged;
                break;
            }

            if (norm <= _tolerancePu)
            {
                status = PowerFlowStatus.Converged;
                break;
            }

            if (iterations >= _maxIterations)
            {
                status = PowerFlowStatus.IterationLimit;
                break;
            }

            FillJacobian();
            var klu = _klu!;
            var factorStatus = klu.IsFactored ? klu.Refactor(_jValues) : klu.Factor(_jValues);
            if (factorStatus == KluStatus.Singular)
            {
                status = PowerFlowStatus.Singular;
                break;
            }

            if (factorStatus == KluStatus.OutOfMemory)
            {
                throw new OutOfMemoryException("KLU ran out of memory factorising the Newton-Raphson Jacobian.");
            }

            if (factorStatus != KluStatus.Ok)
            {
                throw new InvalidOperationException($"KLU failed to factorise the Newton-Raphson Jacobian: {factorStatus}.");
            }

            // J·Δx = F, x ← x − Δx; the scratch slot (index m) gets 0 so that held quantities stay unchanged.
            var f = _f;
            klu.Solve(f.AsSpan(0, _m));
            f[_m] = 0;
            var finite = true;
            var thetaIndex = _thetaIndex;
            var vmIndex = _vmIndex;
            for (var i = 0; i < _n; i++)
            {
                var a = va[i] - f[thetaIndex[i]];
                var b = vm[i] - f[vmIndex[i]];
                va[i] = a;
                vm[i] = b;
                finite &= double.IsFinite(a) & double.IsFinite(b);
            }

            iterations++;
            norm = finite ? Mismatch(sbusPu) : double.NaN;
            mismatchHistory?.Add(norm);
        }

        // Slack buses are left exactly as given (no polar round trip).
        for (var i = 0; i < _n; i++)
        {
            if (_thetaIndex[i] != _m)
            {
                voltagesPu[i] = Complex.FromPolarCoordinates(vm[i], va[i]);
            }
        }

        return new SolveStats(status, iterations, norm);
    }

    /// <summary>Frees the KLU factorisation.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _klu?.Dispose();
            _disposed = true;
        }
    }

    /// <summary>Writes the rows of Jacobian column (θ_k or |V_k|) and the matching positions of each Ybus entry.</summary>
    private void FillColumn(int k, int start, int[] theta, int[] vmIdx, int[] jRows, int[] posP, int[] posQ)
    {
        var q = start;
        for (var p = _yColumnStarts[k]; p < _yColumnStarts[k + 1]; p++)
        {
            var i = _yRows[p];
            if (theta[i] >= 0)
            {
                jRows[q] = theta[i];
                posP[p] = q++;
            }

            if (vmIdx[i] >= 0)
            {
                jRows[q] = vmIdx[i];
                posQ[p] = q++;
            }
        }
    }

    /// <summary>
    /// Computes V from (|V|, θ), I = Ybus·V, S = V·conj(I) and the mismatch F = S − Sbus into <c>_f</c>; returns ‖F‖∞
    /// (NaN when any entry is NaN).
    /// </summary>
    private double Mismatch(ReadOnlySpan<Complex> sbusPu)
    {
        var n = _n;
        var vm = _vm;
        var va = _va;
        var vRe = _vRe;
        var vIm = _vIm;
        var iRe = _iRe;
        var iIm = _iIm;
        for (var i = 0; i < n; i++)
        {
            var (sin, cos) = Math.SinCos(va[i]);
            vRe[i] = vm[i] * cos;
            vIm[i] = vm[i] * sin;
        }

        Array.Clear(iRe);
        Array.Clear(iIm);
        var starts = _yColumnStarts;
        var rows = _yRows;
        var yRe = _yRe;
        var yIm = _yIm;
        for (var k = 0; k < n; k++)
        {
            var vr = vRe[k];
            var vi = vIm[k];
            var end = starts[k + 1];
            for (var p = starts[k]; p < end; p++)
            {
                var i = rows[p];
                var gr = yRe[p];
                var gi = yIm[p];
                iRe[i] += (gr * vr) - (gi * vi);
                iIm[i] += (gr * vi) + (gi * vr);
            }
        }

        var sRe = _sRe;
        var sIm = _sIm;
        var f = _f;
        var thetaIndex = _thetaIndex;
        var vmIndex = _vmIndex;
        for (var i = 0; i < n; i++)
        {
            // S = V·conj(I).
            var sr = (vRe[i] * iRe[i]) + (vIm[i] * iIm[i]);
            var si = (vIm[i] * iRe[i]) - (vRe[i] * iIm[i]);
            sRe[i] = sr;
            sIm[i] = si;
            var spec = sbusPu[i];
            f[thetaIndex[i]] = sr - spec.Real;
            f[vmIndex[i]] = si - spec.Imaginary;
        }

        var norm = 0.0;
        for (var r = 0; r < _m; r++)
        {
            var a = Math.Abs(f[r]);
            if (a > norm || double.IsNaN(a))
            {
                norm = a;
                if (double.IsNaN(a))
                {
                    break;
                }
            }
        }

        return norm;
    }

    /// <summary>
    /// Fills the Jacobian values from the voltages and injections of the last <see cref="Mismatch"/> (MATPOWER's
    /// dSbus_dV): off the diagonal, with a = V_i·conj(Y_ik·V_k), ∂S_i/∂θ_k = −j·a and ∂S_i/∂|V_k| = a/|V_k|; on the
    /// diagonal, with a = V_i·conj(Y_ii·V_i), ∂S_i/∂θ_i = j·(S_i − a) and ∂S_i/∂|V_i| = (a + S_i)/|V_i|.
    /// </summary>
    private void FillJacobian()
    {
        var n = _n;
        var vm = _vm;
        var vRe = _vRe;
        var vIm = _vIm;
        var starts = _yColumnStarts;
        var rows = _yRows;
        var yRe = _yRe;
        var yIm = _yIm;
        var posPTheta = _posPTheta;
        var posQTheta = _posQTheta;
        var posPVm = _posPVm;
        var posQVm = _posQVm;
        var j = _jValues;
        for (var k = 0; k < n; k++)
        {
            var vr = vRe[k];
            var vi = vIm[k];
            var inverseVm = 1.0 / vm[k];
            var end = starts[k + 1];
            for (var p = starts[k]; p < end; p++)
            {
                var i = rows[p];
                var gr = yRe[p];
                var gi = yIm[p];
                var tr = (gr * vr) - (gi * vi);
                var ti = (gr * vi) + (gi * vr);
                var ar = (vRe[i] * tr) + (vIm[i] * ti);
                var ai = (vIm[i] * tr) - (vRe[i] * ti);
                j[posPTheta[p]] = ai;
                j[posQTheta[p]] = -ar;
                j[posPVm[p]] = ar * inverseVm;
                j[posQVm[p]] = ai * inverseVm;
            }
        }

        var diagonal = _yDiagonal;
        var sRe = _sRe;
        var sIm = _sIm;
        for (var k = 0; k < n; k++)
        {
            var p = diagonal[k];
            if (p < 0)
            {
                continue;
            }

            // a = |V_k|²·conj(Y_kk).
            var vm2 = vm[k] * vm[k];
            var ar = vm2 * yRe[p];
            var ai = -vm2 * yIm[p];
            var sr = sRe[k];
            var si = sIm[k];
            var inverseVm = 1.0 / vm[k];
            j[posPTheta[p]] = ai - si;
            j[posQTheta[p]] = sr - ar;
            j[posPVm[p]] = (ar + sr) * inverseVm;
            j[posQVm[p]] = (ai + si) * inverseVm;
        }
    }
}
