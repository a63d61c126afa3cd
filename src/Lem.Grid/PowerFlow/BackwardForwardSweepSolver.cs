using System.Numerics;

namespace Lem.Grid.PowerFlow;

/// <summary>
/// Backward/forward sweep power flow (docs/power-flow.md#backward-forward-sweep-for-radial-networks) for radial networks with one slack bus, on exactly the
/// branch model of <see cref="PowerFlowModel"/>, so that on a radial network it reaches the same voltages as
/// Newton-Raphson.
/// </summary>
/// <remarks>
/// <para>
/// The constructor roots the tree at the slack bus, orders the buses breadth-first (parent before child) and keeps,
/// for each non-root bus, the branch to its parent reduced to two numbers: a complex voltage ratio a and an
/// effective series impedance z', so that V_child = a·V_parent − z'·J and the parent draws conj(a)·J, where J is
/// the current the child's subtree draws. With the tap τ on the from side: a = 1/τ, z' = z when the parent is the
/// from bus; a = τ, z' = |τ|²·z when the parent is the to bus. The charging and conductance halves of each branch
/// (the from half divided by |τ|²) and the bus shunts are constant-admittance loads at their buses.
/// </para>
/// <para>
/// Each iteration computes the load currents conj(−S/V) + Y·V from the previous voltages, sums them up the tree
/// (backward sweep) and recomputes the voltages down the tree (forward sweep). It stops when the largest voltage
/// change max|ΔV| is at most <see cref="PowerFlowOptions.TolerancePu"/>; the mismatch history receives that change
/// after every sweep (there is no value before the first sweep, unlike Newton-Raphson's history).
/// </para>
/// <para>
/// PV buses (other than the slack) are handled by compensation: after each sweep the reactive injections at the PV
/// buses are corrected by the real sensitivity of their voltage magnitudes to those injections, computed from the
/// tree's path impedances (Shirmohammadi et al. 1988); convergence then also requires every PV magnitude to be
/// within the tolerance of its set point. Reactive limits are not enforced. A singular sensitivity matrix (two PV
/// buses joined by zero impedance) ends the solve with <see cref="PowerFlowStatus.Singular"/>.
/// </para>
/// <para>
/// A meshed network, several slacks or several islands give <see cref="PowerFlowStatus.NotApplicable"/> from
/// <see cref="Solve"/>; the constructor does not throw for them. Solving allocates nothing; an instance is not
/// thread-safe.
/// </para>
/// </remarks>
public sealed class BackwardForwardSweepSolver : IPowerFlowSolver
{
    /// <summary>A voltage change larger than this (p.u.) in one sweep means the iteration has blown up.</summary>
    private const double BlowUpPu = 1e3;

    private readonly bool _applicable;
    private readonly int _n;
    private readonly int _maxIterations;
    private readonly double _tolerancePu;

    // Per tree position (0 = slack, parents before children).
    private readonly int[] _busOfPos = [];
    private readonly int[] _parentPos = [];
    private readonly double[] _aRe = [];
    private readonly double[] _aIm = [];
    private readonly double[] _zRe = [];
    private readonly double[] _zIm = [];
    private readonly double[] _yRe = [];
    private readonly double[] _yIm = [];

    // Work arrays.
    private readonly double[] _vRe = [];
    private readonly double[] _vIm = [];
    private readonly double[] _jRe = [];
    private readonly double[] _jIm = [];
    private readonly double[] _pDrawn = [];
    private readonly double[] _qDrawn = [];

    // PV compensation.
    private readonly int _pvCount;
    private readonly int[] _pvPos = [];
    private readonly double[] _zPvRe = [];
    private readonly double[] _zPvIm = [];
    private readonly double[] _vSet = [];
    private readonly double[] _qPv = [];
    private readonly double[] _sensitivity = [];
    private readonly double[] _rhs = [];
    private readonly int[] _pivot = [];

    /// <summary>Prepares the sweep for a model: the tree ordering from the slack, the reduced branches and work arrays.</summary>
    /// <param name="model">The network model.</param>
    /// <param name="options">The tolerance and the iteration limit (<see cref="PowerFlowOptions.MaxIterationsSweep"/>) are used.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="model"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">When the tolerance is negative or NaN, or the iteration limit is negative.</exception>
    public BackwardForwardSweepSolver(PowerFlowModel model, PowerFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        PowerFlowOptions.Check(options, sweep: true);

        Model = model;
        _n = model.BusCount;
        _maxIterations = options.MaxIterationsSweep;
        _tolerancePu = options.TolerancePu;
        _applicable = model.SweepApplicable;
        if (!_applicable)
        {
            return;
        }

        var index = model.Index;
        var n = _n;
        var m = model.BranchCount;

        var incidence = new BusIncidence(index);

        _busOfPos = new int[n];
        _parentPos = new int[n];
        _aRe = new double[n];
        _aIm = new double[n];
        _zRe = new double[n];
        _zIm = new double[n];
        _yRe = new double[n];
        _yIm = new double[n];
        _vRe = new double[n];
        _vIm = new double[n];
        _jRe = new double[n];
        _jIm = new double[n];
        _pDrawn = new double[n];
        _qDrawn = new double[n];

        // Constant-admittance load per bus: bus shunt plus the branch shunt halves (from half referred through |τ|²).
        var yLoad = new Complex[n];
        for (var i = 0; i < n; i++)
        {
            yLoad[i] = model.ShuntPu[i];
        }

        for (var k = 0; k < m; k++)
        {
            var half = new Complex(index.GPu[k], index.BPu[k]) / 2.0;
            var tap = TapMagnitude(index.TapRatio[k]);
            yLoad[index.FromIndex[k]] += half / (tap * tap);
            yLoad[index.ToIndex[k]] += half;
        }

        // Breadth-first order from the slack.
        var posOfBus = new int[n];
        Array.Fill(posOfBus, -1);
        var root = model.SlackBuses[0];
        _busOfPos[0] = root;
        posOfBus[root] = 0;
        _parentPos[0] = -1;
        _aRe[0] = 1.0;
        var count = 1;
        for (var head = 0; head < count; head++)
        {
            var parentBus = _busOfPos[head];
            foreach (var k in incidence.At(parentBus))
            {
                int f = index.FromIndex[k], t = index.ToIndex[k];
                var child = f == parentBus ? t : f;
                if (posOfBus[child] >= 0)
                {
                    continue;
                }

                var tap = TapMagnitude(index.TapRatio[k]);
                var tau = Complex.FromPolarCoordinates(tap, index.ShiftRad[k]);
                var z = new Complex(index.RPu[k], index.XPu[k]);
                Complex a, zEff;
                if (f == parentBus)
                {
                    a = 1.0 / tau;
                    zEff = z;
                }
                else
                {
                    a = tau;
                    zEff = tap * tap * z;
                }

                var pos = count++;
                posOfBus[child] = pos;
                _busOfPos[pos] = child;
                _parentPos[pos] = head;
                _aRe[pos] = a.Real;
                _aIm[pos] = a.Imaginary;
                _zRe[pos] = zEff.Real;
                _zIm[pos] = zEff.Imaginary;
            }
        }

        if (count != n)
        {
            // Cannot happen for a connected radial network; refuse rather than solve part of it.
            _applicable = false;
            return;
        }

        for (var pos = 0; pos < n; pos++)
        {
            var y = yLoad[_busOfPos[pos]];
            _yRe[pos] = y.Real;
            _yIm[pos] = y.Imaginary;
        }

        var pvBuses = model.PvBuses.Where(b => b != root).ToArray();
        _pvCount = pvBuses.Length;
        if (_pvCount > 0)
        {
            _pvPos = [.. pvBuses.Select(b => posOfBus[b])];
            (_zPvRe, _zPvIm) = PvImpedances();
            _vSet = new double[_pvCount];
            _qPv = new double[_pvCount];
            _sensitivity = new double[_pvCount * _pvCount];
            _rhs = new double[_pvCount];
            _pivot = new int[_pvCount];
        }
    }

    /// <summary>The model the solver was prepared for.</summary>
    public PowerFlowModel Model { get; }

    /// <inheritdoc />
    public PowerFlowAlgorithm Algorithm => PowerFlowAlgorithm.BackwardForwardSweep;

    /// <summary>Whether the sweep applies to the model (radial, connected, one slack); otherwise solves return <see cref="PowerFlowStatus.NotApplicable"/>.</summary>
    public bool IsApplicable => _applicable;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">When a span's length is not the model's bus count.</exception>
    public SolveStats Solve(ReadOnlySpan<Complex> sbusPu, Span<Complex> voltagesPu, IList<double>? mismatchHistory = null)
    {
        if (sbusPu.Length != _n || voltagesPu.Length != _n)
        {
            throw new ArgumentException($"The injections ({sbusPu.Length}) and voltages ({voltagesPu.Length}) must have one entry per bus ({_n}).");
        }

        if (!_applicable)
        {
            return new SolveStats(PowerFlowStatus.NotApplicable, 0, double.NaN);
        }

        Load(sbusPu, voltagesPu);
        var status = PowerFlowStatus.IterationLimit;
        var iterations = 0;
        var measure = double.PositiveInfinity;
        while (iterations < _maxIterations)
        {
            iterations++;
            BackwardSweep();
            var maxDv = ForwardSweep();
            measure = maxDv;
            mismatchHistory?.Add(maxDv);
            if (!double.IsFinite(maxDv) || maxDv > BlowUpPu)
            {
                status = PowerFlowStatus.Diverged;
                break;
            }

            var pvError = _pvCount > 0 ? PvMagnitudeError() : 0.0;
            if (maxDv <= _tolerancePu && pvError <= _tolerancePu)
            {
                status = PowerFlowStatus.Converged;
                break;
            }

            if (_pvCount > 0 && !CompensatePv())
            {
                status = PowerFlowStatus.Singular;
                break;
            }
        }

        for (var pos = 1; pos < _n; pos++)
        {
            voltagesPu[_busOfPos[pos]] = new Complex(_vRe[pos], _vIm[pos]);
        }

        return new SolveStats(status, iterations, measure);
    }

    /// <summary>Nothing to release; present for <see cref="IPowerFlowSolver"/>.</summary>
    public void Dispose()
    {
    }

    private static double TapMagnitude(double ratio) => ratio == 0 ? 1.0 : ratio;

    /// <summary>Copies the start voltages and the drawn powers into tree order.</summary>
    private void Load(ReadOnlySpan<Complex> sbusPu, ReadOnlySpan<Complex> voltagesPu)
    {
        for (var pos = 0; pos < _n; pos++)
        {
            var bus = _busOfPos[pos];
            var v = voltagesPu[bus];
            if (pos > 0 && !(v.Magnitude > 1e-6 && double.IsFinite(v.Real) && double.IsFinite(v.Imaginary)))
            {
                // A degenerate start value: use the no-load voltage (the parent's, through the branch ratio).
                var parent = _parentPos[pos];
                v = new Complex(
                    (_aRe[pos] * _vRe[parent]) - (_aIm[pos] * _vIm[parent]),
                    (_aRe[pos] * _vIm[parent]) + (_aIm[pos] * _vRe[parent]));
            }

            _vRe[pos] = v.Real;
            _vIm[pos] = v.Imaginary;
            _pDrawn[pos] = -sbusPu[bus].Real;
            _qDrawn[pos] = -sbusPu[bus].Imaginary;
        }

        for (var p = 0; p < _pvCount; p++)
        {
            var pos = _pvPos[p];
            _vSet[p] = Math.Sqrt((_vRe[pos] * _vRe[pos]) + (_vIm[pos] * _vIm[pos]));
            _qPv[p] = -_qDrawn[pos];
        }
    }

    /// <summary>Load currents from the present voltages, summed from the leaves to the root into the branch currents.</summary>
    private void BackwardSweep()
    {
        Array.Clear(_jRe);
        Array.Clear(_jIm);
        for (var p = 0; p < _pvCount; p++)
        {
            _qDrawn[_pvPos[p]] = -_qPv[p];
        }

        var vRe = _vRe;
        var vIm = _vIm;
        var jRe = _jRe;
        var jIm = _jIm;
        for (var pos = _n - 1; pos > 0; pos--)
        {
            double vr = vRe[pos], vi = vIm[pos];
            double p = _pDrawn[pos], q = _qDrawn[pos];
            var inv = 1.0 / ((vr * vr) + (vi * vi));

            // I = conj(S_drawn / V) + Y·V = (P − jQ)(Vr + jVi)/|V|² + Y·V.
            var iRe = (((p * vr) + (q * vi)) * inv) + (_yRe[pos] * vr) - (_yIm[pos] * vi);
            var iIm = (((p * vi) - (q * vr)) * inv) + (_yRe[pos] * vi) + (_yIm[pos] * vr);
            var cRe = jRe[pos] + iRe;
            var cIm = jIm[pos] + iIm;
            jRe[pos] = cRe;
            jIm[pos] = cIm;

            // The parent draws conj(a)·J.
            double aRe = _aRe[pos], aIm = _aIm[pos];
            var parent = _parentPos[pos];
            jRe[parent] += (aRe * cRe) + (aIm * cIm);
            jIm[parent] += (aRe * cIm) - (aIm * cRe);
        }
    }

    /// <summary>Voltages from the root to the leaves; returns the largest voltage change.</summary>
    private double ForwardSweep()
    {
        var vRe = _vRe;
        var vIm = _vIm;
        var maxSq = 0.0;
        for (var pos = 1; pos < _n; pos++)
        {
            var parent = _parentPos[pos];
            double aRe = _aRe[pos], aIm = _aIm[pos], zRe = _zRe[pos], zIm = _zIm[pos];
            double pr = vRe[parent], pi = vIm[parent], jr = _jRe[pos], ji = _jIm[pos];
            var nr = (aRe * pr) - (aIm * pi) - ((zRe * jr) - (zIm * ji));
            var ni = (aRe * pi) + (aIm * pr) - ((zRe * ji) + (zIm * jr));
            double dr = nr - vRe[pos], di = ni - vIm[pos];
            var sq = (dr * dr) + (di * di);
            if (!(sq <= maxSq))
            {
                // Also catches NaN so that it propagates to the result.
                maxSq = sq;
            }

            vRe[pos] = nr;
            vIm[pos] = ni;
        }

        return Math.Sqrt(maxSq);
    }

    /// <summary>The largest |V| − set point deviation over the PV buses.</summary>
    private double PvMagnitudeError()
    {
        var max = 0.0;
        for (var p = 0; p < _pvCount; p++)
        {
            var pos = _pvPos[p];
            var vm = Math.Sqrt((_vRe[pos] * _vRe[pos]) + (_vIm[pos] * _vIm[pos]));
            var e = Math.Abs(_vSet[p] - vm);
            if (!(e <= max))
            {
                max = e;
            }
        }

        return max;
    }

    /// <summary>
    /// Corrects the PV buses' reactive injections: solves S·Δq = V_set − |V| with
    /// S[b,c] = Re(conj(V_b)·Z[b,c]·j·V_c) / (|V_b|·|V_c|²), the first-order change of |V_b| per unit of reactive
    /// injection at c. Returns false when S is singular.
    /// </summary>
    private bool CompensatePv()
    {
        var np = _pvCount;
        for (var b = 0; b < np; b++)
        {
            var pb = _pvPos[b];
            double vbr = _vRe[pb], vbi = -_vIm[pb];
            var vbm = Math.Sqrt((vbr * vbr) + (vbi * vbi));
            _rhs[b] = _vSet[b] - vbm;
            for (var c = 0; c < np; c++)
            {
                var pc = _pvPos[c];
                double vcr = _vRe[pc], vci = _vIm[pc];
                var vcSq = (vcr * vcr) + (vci * vci);

                // j·V_c = −Vci + j·Vcr; then Z·(j·V_c); then conj(V_b)·that, real part.
                double zr = _zPvRe[(b * np) + c], zi = _zPvIm[(b * np) + c];
                var wr = (zr * -vci) - (zi * vcr);
                var wi = (zr * vcr) + (zi * -vci);
                _sensitivity[(b * np) + c] = ((vbr * wr) - (vbi * wi)) / (vbm * vcSq);
            }
        }

        if (!SolveDense(_sensitivity, _rhs, _pivot, np))
        {
            return false;
        }

        for (var c = 0; c < np; c++)
        {
            _qPv[c] += _rhs[c];
        }

        return true;
    }

    /// <summary>Gaussian elimination with partial pivoting in place; the solution replaces <paramref name="rhs"/>.</summary>
    private static bool SolveDense(double[] a, double[] rhs, int[] pivot, int n)
    {
        for (var col = 0; col < n; col++)
        {
            var best = col;
            var bestAbs = Math.Abs(a[(col * n) + col]);
            for (var r = col + 1; r < n; r++)
            {
                var v = Math.Abs(a[(r * n) + col]);
                if (v > bestAbs)
                {
                    (best, bestAbs) = (r, v);
                }
            }

            if (!(bestAbs > 1e-14))
            {
                return false;
            }

            pivot[col] = best;
            if (best != col)
            {
                for (var c = 0; c < n; c++)
                {
                    (a[(col * n) + c], a[(best * n) + c]) = (a[(best * n) + c], a[(col * n) + c]);
                }

                (rhs[col], rhs[best]) = (rhs[best], rhs[col]);
            }

            var d = a[(col * n) + col];
            for (var r = col + 1; r < n; r++)
            {
                var f = a[(r * n) + col] / d;
                if (f == 0)
                {
                    continue;
                }

                for (var c = col + 1; c < n; c++)
                {
                    a[(r * n) + c] -= f * a[(col * n) + c];
                }

                rhs[r] -= f * rhs[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            var s = rhs[r];
            for (var c = r + 1; c < n; c++)
            {
                s -= a[(r * n) + c] * rhs[c];
            }

            rhs[r] = s / a[(r * n) + r];
        }

        return true;
    }

    /// <summary>
    /// Z[b,c] = ∂V_b/∂I_c between PV buses for currents drawn at c, from a sweep of a unit current with the root
    /// voltage held at zero (branch shunts left out: they only slow the compensation, not its fixed point).
    /// </summary>
    private (double[] Re, double[] Im) PvImpedances()
    {
        var np = _pvCount;
        var zr = new double[np * np];
        var zi = new double[np * np];
        var jr = new double[_n];
        var ji = new double[_n];
        var dvr = new double[_n];
        var dvi = new double[_n];
        for (var c = 0; c < np; c++)
        {
            Array.Clear(jr);
            Array.Clear(ji);
            double cr = 1.0, ci = 0.0;
            for (var pos = _pvPos[c]; pos > 0; pos = _parentPos[pos])
            {
                jr[pos] = cr;
                ji[pos] = ci;
                double aRe = _aRe[pos], aIm = _aIm[pos];
                (cr, ci) = ((aRe * cr) + (aIm * ci), (aRe * ci) - (aIm * cr));
            }

            dvr[0] = 0;
            dvi[0] = 0;
            for (var pos = 1; pos < _n; pos++)
            {
                var parent = _parentPos[pos];
                double aRe = _aRe[pos], aIm = _aIm[pos];
                dvr[pos] = (aRe * dvr[parent]) - (aIm * dvi[parent]) - ((_zRe[pos] * jr[pos]) - (_zIm[pos] * ji[pos]));
                dvi[pos] = (aRe * dvi[parent]) + (aIm * dvr[parent]) - ((_zRe[pos] * ji[pos]) + (_zIm[pos] * jr[pos]));
            }

            for (var b = 0; b < np; b++)
            {
                zr[(b * np) + c] = dvr[_pvPos[b]];
                zi[(b * np) + c] = dvi[_pvPos[b]];
            }
        }

        return (zr, zi);
    }
}
