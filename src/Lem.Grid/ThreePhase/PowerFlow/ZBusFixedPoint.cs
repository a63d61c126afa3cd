using System.Numerics;
using Lem.Grid.Sparse;

namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// The Z-bus fixed point of a prepared three-phase network (docs/three-phase.md, "Z-bus fixed point"). The constant
/// admittance matrix of the free nodes Y_ff (lines, transformers, shunts, source impedances; no loads) is factorised
/// once by KLU. With V⁰ = Y_ff⁻¹ (I_src − Y_fs V_s) the no-load voltages and, for each load term t between nodes n_t
/// and r_t, a_t = e_n − e_r its incidence vector, the voltage across every load is
/// u = u⁰ − M I(u) with u⁰_t = a_tᵀ V⁰ and M_ts = a_tᵀ Y_ff⁻¹ a_s, a dense system on the load terms only. It is iterated
/// from the previous solution until the largest change is below the tolerance; then one substitution gives every node
/// voltage, V = V⁰ − Y_ff⁻¹ Σ_s a_s I_s. The columns Y_ff⁻¹ e_n are computed once per load node and kept.
/// Not thread-safe; dispose it to free the factorisation.
/// </summary>
internal sealed class ZBusFixedPoint : IDisposable
{
    private readonly PhaseFrameModel _model;
    private readonly int[] _nodeOfUnknown;
    private readonly int[] _unknownOfNode;
    private readonly int[] _rowStarts;
    private readonly int[] _rowColumns;
    private readonly Complex[] _rowValues;
    private readonly Complex[] _fixedVoltage;
    private readonly KluSolver _klu;
    private readonly double[] _rhs;
    private readonly Complex[] _noLoad;
    private readonly Dictionary<int, Complex[]> _columns = [];
    private Complex[] _coupling = [];
    private Complex[] _acrossNoLoad = [];
    private Complex[] _across = [];
    private Complex[] _current = [];
    private Complex[]?[] _nodeColumn = [];
    private Complex[]?[] _returnColumn = [];
    private double[] _basePhase = [];

    private ZBusFixedPoint(PhaseFrameModel model, int[] nodeOfUnknown, int[] unknownOfNode, int[] rowStarts, int[] rowColumns, Complex[] rowValues, Complex[] fixedVoltage, KluSolver klu)
    {
        _model = model;
        _nodeOfUnknown = nodeOfUnknown;
        _unknownOfNode = unknownOfNode;
        _rowStarts = rowStarts;
        _rowColumns = rowColumns;
        _rowValues = rowValues;
        _fixedVoltage = fixedVoltage;
        _klu = klu;
        _rhs = new double[2 * nodeOfUnknown.Length];
        _noLoad = new Complex[unknownOfNode.Length];
        Voltage = new Complex[unknownOfNode.Length];
        SourceVersion = -1;
    }

    /// <summary>The node voltages of the last converged solve in V.</summary>
    public Complex[] Voltage { get; }

    /// <summary>The version of the source currents <see cref="SetSourceCurrent"/> last received.</summary>
    public int SourceVersion { get; private set; }

    /// <summary>
    /// Factorises the real 2×2 expansion of Y_ff (the load-free Jacobian) once; null when it is singular (e.g. a part
    /// of the network without a path to ground), in which case the caller keeps Newton–Raphson.
    /// </summary>
    public static ZBusFixedPoint? TryCreate(PhaseFrameModel model, int[] nodeOfUnknown, int[] unknownOfNode, int[] rowStarts, int[] rowColumns, Complex[] rowValues, Complex[] fixedVoltage, int[] columnStarts, int[] rowIndices, double[] admittance)
    {
        if (nodeOfUnknown.Length == 0)
        {
            return null;
        }

        var klu = new KluSolver();
        try
        {
            klu.Analyze(2 * nodeOfUnknown.Length, columnStarts, rowIndices);
            if (klu.Factor(admittance) != KluStatus.Ok)
            {
                klu.Dispose();
                return null;
            }
        }
        catch
        {
            klu.Dispose();
            throw;
        }

        return new ZBusFixedPoint(model, nodeOfUnknown, unknownOfNode, rowStarts, rowColumns, rowValues, fixedVoltage, klu);
    }

    /// <summary>Sets the source currents (per node, A) and computes the no-load voltages V⁰ = Y_ff⁻¹ (I_src − Y_fs V_s).</summary>
    public void SetSourceCurrent(Complex[] sourceCurrent, int version)
    {
        var m = _nodeOfUnknown.Length;
        for (var k = 0; k < m; k++)
        {
            var sum = sourceCurrent[_nodeOfUnknown[k]];
            for (var p = _rowStarts[k]; p < _rowStarts[k + 1]; p++)
            {
                var column = _rowColumns[p];
                if (_unknownOfNode[column] < 0)
                {
                    sum -= _rowValues[p] * _fixedVoltage[column];
                }
            }

            _rhs[2 * k] = sum.Real;
            _rhs[(2 * k) + 1] = sum.Imaginary;
        }

        _klu.Solve(_rhs);
        Array.Copy(_fixedVoltage, _noLoad, _noLoad.Length);
        for (var k = 0; k < m; k++)
        {
            _noLoad[_nodeOfUnknown[k]] = new Complex(_rhs[2 * k], _rhs[(2 * k) + 1]);
        }

        SourceVersion = version;
    }

    /// <summary>
    /// Iterates the load terms' voltages from <paramref name="start"/> until the largest change (pu of the phase base)
    /// is below <paramref name="tolerancePu"/>; on success <see cref="Voltage"/> holds every node voltage.
    /// </summary>
    public bool Solve(LoadTerm[] terms, Complex[] start, double tolerancePu, int maxIterations, out int iterations)
    {
        var count = terms.Length;
        Ensure(count);
        for (var t = 0; t < count; t++)
        {
            var term = terms[t];
            _nodeColumn[t] = Column(term.Node);
            _returnColumn[t] = term.ReturnNode < 0 ? null : Column(term.ReturnNode);
            _basePhase[t] = _model.PhaseBaseVoltageV[term.Node / 3];
            _acrossNoLoad[t] = Across(_noLoad, term);
            _across[t] = Across(start, term);
        }

        // M_ts = a_tᵀ Y_ff⁻¹ a_s: entries of the kept columns at the load nodes.
        for (var s = 0; s < count; s++)
        {
            var node = _nodeColumn[s];
            var back = _returnColumn[s];
            for (var t = 0; t < count; t++)
            {
                var n = terms[t].Node;
                var r = terms[t].ReturnNode;
                var value = At(node, n) - At(back, n);
                if (r >= 0)
                {
                    value -= At(node, r) - At(back, r);
                }

                _coupling[(t * count) + s] = value;
            }
        }

        iterations = 0;
        var converged = count == 0;
        while (!converged && iterations < maxIterations)
        {
            iterations++;
            for (var s = 0; s < count; s++)
            {
                _current[s] = terms[s].Current(_across[s]);
            }

            var change = 0.0;
            for (var t = 0; t < count; t++)
            {
                var row = _coupling.AsSpan(t * count, count);
                double re = _acrossNoLoad[t].Real;
                double im = _acrossNoLoad[t].Imaginary;
                for (var s = 0; s < count; s++)
                {
                    var z = row[s];
                    var i = _current[s];
                    re -= (z.Real * i.Real) - (z.Imaginary * i.Imaginary);
                    im -= (z.Real * i.Imaginary) + (z.Imaginary * i.Real);
                }

                var next = new Complex(re, im);
                change = Math.Max(change, (next - _across[t]).Magnitude / _basePhase[t]);
                _across[t] = next;
            }

            if (double.IsNaN(change))
            {
                return false;
            }

            converged = change < tolerancePu;
        }

        if (!converged)
        {
            return false;
        }

        // V = V⁰ − Y_ff⁻¹ Σ_s a_s I_s with the converged currents.
        Array.Clear(_rhs);
        for (var s = 0; s < count; s++)
        {
            var current = terms[s].Current(_across[s]);
            AddRhs(terms[s].Node, current);
            if (terms[s].ReturnNode >= 0)
            {
                AddRhs(terms[s].ReturnNode, -current);
            }
        }

        Array.Copy(_noLoad, Voltage, Voltage.Length);
        if (count > 0)
        {
            _klu.Solve(_rhs);
            for (var k = 0; k < _nodeOfUnknown.Length; k++)
            {
                Voltage[_nodeOfUnknown[k]] -= new Complex(_rhs[2 * k], _rhs[(2 * k) + 1]);
            }
        }

        return true;
    }

    private void AddRhs(int node, Complex current)
    {
        var k = _unknownOfNode[node];
        if (k >= 0)
        {
            _rhs[2 * k] += current.Real;
            _rhs[(2 * k) + 1] += current.Imaginary;
        }
    }

    private static Complex Across(Complex[] voltage, LoadTerm term) =>
        term.ReturnNode < 0 ? voltage[term.Node] : voltage[term.Node] - voltage[term.ReturnNode];

    private static Complex At(Complex[]? column, int node) => column is null ? Complex.Zero : column[node];

    /// <summary>Y_ff⁻¹ e_node over all nodes (zero at fixed nodes), computed once per node; null for a fixed node.</summary>
    private Complex[]? Column(int node)
    {
        var k = _unknownOfNode[node];
        if (k < 0)
        {
            return null;
        }

        if (_columns.TryGetValue(node, out var column))
        {
            return column;
        }

        var rhs = new double[_rhs.Length];
        rhs[2 * k] = 1.0;
        _klu.Solve(rhs);
        column = new Complex[_unknownOfNode.Length];
        for (var j = 0; j < _nodeOfUnknown.Length; j++)
        {
            column[_nodeOfUnknown[j]] = new Complex(rhs[2 * j], rhs[(2 * j) + 1]);
        }

        _columns[node] = column;
        return column;
    }

    private void Ensure(int count)
    {
        if (_across.Length >= count)
        {
            return;
        }

        _coupling = new Complex[count * count];
        _acrossNoLoad = new Complex[count];
        _across = new Complex[count];
        _current = new Complex[count];
        _nodeColumn = new Complex[]?[count];
        _returnColumn = new Complex[]?[count];
        _basePhase = new double[count];
    }

    /// <summary>Frees the factorisation.</summary>
    public void Dispose() => _klu.Dispose();
}
