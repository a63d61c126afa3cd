namespace Lem.Optimization.Ipopt;

/// <summary>
/// An <see cref="OptimizationModel"/> as an Ipopt <see cref="NonlinearProgram"/>. Constraint rows: the linear
/// constraints, then one row per cone, then the nonlinear constraints. Structures and constant entries (linear rows,
/// quadratic objective, cone Hessians) are computed once; evaluations reuse preallocated buffers and do not allocate.
/// </summary>
/// <remarks>
/// Cones become smooth constraints with constant Hessians: ‖e‖₂ ≤ t as Σeₖ² − t² ≤ 0 with t ≥ 0, and Σeₖ² ≤ u·w as
/// Σeₖ² − u·w ≤ 0 with u, w ≥ 0 (the heads' lower bounds are raised to 0 where they were lower). Both describe the
/// same convex sets as the cones.
/// </remarks>
internal sealed class ModelProgram : NonlinearProgram
{
    private readonly int _n;
    private readonly int _linearRows;
    private readonly double[] _xL;
    private readonly double[] _xU;
    private readonly double[] _gL;
    private readonly double[] _gU;
    private readonly double[] _start;
    private readonly bool[] _fixed;

    private readonly double[] _objectiveLinear;
    private readonly double _objectiveConstant;
    private readonly int[] _quadA;
    private readonly int[] _quadB;
    private readonly double[] _quadC;
    private readonly int[] _quadHessianPosition;
    private readonly double[] _quadHessianValue;

    private readonly int[] _linearRowStart;
    private readonly int[] _linearColumns;
    private readonly double[] _linearValues;

    private readonly CompiledCone[] _cones;
    private readonly CompiledFunction[] _functions;

    private readonly int[] _jacobianRows;
    private readonly int[] _jacobianColumns;
    private readonly int[] _hessianRows;
    private readonly int[] _hessianColumns;

    /// <summary>Compiles the model.</summary>
    /// <exception cref="ArgumentException">When a nonlinear function refers to unknown variables or has an invalid Hessian structure.</exception>
    public ModelProgram(OptimizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _n = model.Variables.Count;
        _xL = new double[_n];
        _xU = new double[_n];
        _fixed = new bool[_n];
        for (var i = 0; i < _n; i++)
        {
            _xL[i] = model.Variables[i].Lower;
            _xU[i] = model.Variables[i].Upper;
        }

        foreach (var cone in model.Cones)
        {
            _xL[cone.Head.Index] = Math.Max(_xL[cone.Head.Index], 0.0);
            if (cone.SecondHead is { } w)
            {
                _xL[w.Index] = Math.Max(_xL[w.Index], 0.0);
            }
        }

        for (var i = 0; i < _n; i++)
        {
            if (_xL[i] > _xU[i])
            {
                throw new ArgumentException($"Variable {i} of model '{model.Name}' is the head of a cone (so ≥ 0) but its upper bound is {_xU[i]}.", nameof(model));
            }

            _fixed[i] = _xL[i] == _xU[i];
        }

        _start = new double[_n];
        for (var i = 0; i < _n; i++)
        {
            _start[i] = model.StartValues.TryGetValue(i, out var s) ? s : Math.Clamp(0.0, _xL[i], _xU[i]);
        }

        // Cone heads without a start value start at 1 (within their bounds), away from the cone's apex where the
        // constraint Σe² − t² ≤ 0 has a zero gradient.
        foreach (var cone in model.Cones)
        {
            foreach (var head in cone.SecondHead is { } w ? [cone.Head, w] : new[] { cone.Head })
            {
                if (!model.StartValues.ContainsKey(head.Index))
                {
                    _start[head.Index] = Math.Clamp(1.0, _xL[head.Index], _xU[head.Index]);
                }
            }
        }

        var hessian = new HessianPattern(_n);
        var jacobianRows = new List<int>();
        var jacobianColumns = new List<int>();

        // Objective.
        _objectiveLinear = new double[_n];
        var objective = model.Objective;
        for (var k = 0; k < objective.Count; k++)
        {
            _objectiveLinear[objective.Indices[k]] += objective.Coefficients[k];
        }

        _objectiveConstant = objective.Constant;
        var quadratic = model.QuadraticObjective;
        _quadA = new int[quadratic.Count];
        _quadB = new int[quadratic.Count];
        _quadC = new double[quadratic.Count];
        _quadHessianPosition = new int[quadratic.Count];
        _quadHessianValue = new double[quadratic.Count];
        for (var k = 0; k < quadratic.Count; k++)
        {
            var q = quadratic[k];
            CheckVariable(q.A.Index, "a quadratic objective term");
            CheckVariable(q.B.Index, "a quadratic objective term");
            _quadA[k] = q.A.Index;
            _quadB[k] = q.B.Index;
            _quadC[k] = q.Coefficient;
            _quadHessianPosition[k] = hessian.Position(q.A.Index, q.B.Index);
            _quadHessianValue[k] = q.A == q.B ? 2 * q.Coefficient : q.Coefficient;
        }

        // Linear rows in CSR form, duplicates merged; their Jacobian entries come first, in the same order.
        _linearRows = model.Constraints.Count;
        _linearRowStart = new int[_linearRows + 1];
        var columns = new List<int>();
        var values = new List<double>();
        var seen = new Dictionary<int, int>();
        var rowBounds = new List<(double Lower, double Upper)>();
        for (var r = 0; r < _linearRows; r++)
        {
            var c = model.Constraints[r];
            seen.Clear();
            for (var k = 0; k < c.Expression.Count; k++)
            {
                var j = c.Expression.Indices[k];
                if (seen.TryGetValue(j, out var p))
                {
                    values[p] += c.Expression.Coefficients[k];
                }
                else
                {
                    seen.Add(j, columns.Count);
                    columns.Add(j);
                    values.Add(c.Expression.Coefficients[k]);
                    jacobianRows.Add(r);
                    jacobianColumns.Add(j);
                }
            }

            _linearRowStart[r + 1] = columns.Count;
            rowBounds.Add((c.Lower - c.Expression.Constant, c.Upper - c.Expression.Constant));
        }

        _linearColumns = [.. columns];
        _linearValues = [.. values];

        // Cones.
        _cones = new CompiledCone[model.Cones.Count];
        for (var k = 0; k < _cones.Length; k++)
        {
            _cones[k] = new CompiledCone(model.Cones[k], _linearRows + k, jacobianRows, jacobianColumns, hessian, _n);
            rowBounds.Add((double.NegativeInfinity, 0.0));
        }

        // Nonlinear constraints.
        _functions = new CompiledFunction[model.NonlinearConstraints.Count];
        for (var k = 0; k < _functions.Length; k++)
        {
            var data = model.NonlinearConstraints[k];
            _functions[k] = new CompiledFunction(data.Function, _linearRows + _cones.Length + k, jacobianRows, jacobianColumns, hessian, _n);
            rowBounds.Add((data.Lower, data.Upper));
        }

        _gL = [.. rowBounds.Select(b => b.Lower)];
        _gU = [.. rowBounds.Select(b => b.Upper)];
        _jacobianRows = [.. jacobianRows];
        _jacobianColumns = [.. jacobianColumns];
        _hessianRows = [.. hessian.Rows];
        _hessianColumns = [.. hessian.Columns];
    }

    /// <inheritdoc/>
    public override int VariableCount => _n;

    /// <inheritdoc/>
    public override int ConstraintCount => _gL.Length;

    /// <inheritdoc/>
    public override int JacobianNonZeros => _jacobianRows.Length;

    /// <inheritdoc/>
    public override int HessianNonZeros => _hessianRows.Length;

    /// <summary>The number of linear constraint rows (the first rows).</summary>
    public int LinearRowCount => _linearRows;

    /// <summary>The row of the first nonlinear constraint.</summary>
    public int FirstNonlinearRow => _linearRows + _cones.Length;

    /// <summary>Whether variable i is fixed (equal bounds).</summary>
    public bool IsFixed(int i) => _fixed[i];

    /// <inheritdoc/>
    public override void GetVariableBounds(Span<double> lower, Span<double> upper) => CopyBoth(_xL, lower, _xU, upper);

    /// <inheritdoc/>
    public override void GetConstraintBounds(Span<double> lower, Span<double> upper) => CopyBoth(_gL, lower, _gU, upper);

    /// <inheritdoc/>
    public override void GetStartingPoint(Span<double> x) => _start.CopyTo(x);

    /// <inheritdoc/>
    public override void GetJacobianStructure(Span<int> rows, Span<int> columns) => CopyBoth(_jacobianRows, rows, _jacobianColumns, columns);

    /// <inheritdoc/>
    public override void GetHessianStructure(Span<int> rows, Span<int> columns) => CopyBoth(_hessianRows, rows, _hessianColumns, columns);

    /// <inheritdoc/>
    public override double EvaluateObjective(ReadOnlySpan<double> x)
    {
        var f = _objectiveConstant;
        for (var i = 0; i < _n; i++)
        {
            f += _objectiveLinear[i] * x[i];
        }

        for (var k = 0; k < _quadC.Length; k++)
        {
            f += _quadC[k] * x[_quadA[k]] * x[_quadB[k]];
        }

        return f;
    }

    /// <inheritdoc/>
    public override void EvaluateObjectiveGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        _objectiveLinear.CopyTo(gradient);
        for (var k = 0; k < _quadC.Length; k++)
        {
            int a = _quadA[k], b = _quadB[k];
            gradient[a] += _quadC[k] * x[b];
            gradient[b] += _quadC[k] * x[a];
        }
    }

    /// <inheritdoc/>
    public override void EvaluateConstraints(ReadOnlySpan<double> x, Span<double> g)
    {
        for (var r = 0; r < _linearRows; r++)
        {
            var s = 0.0;
            for (var p = _linearRowStart[r]; p < _linearRowStart[r + 1]; p++)
            {
                s += _linearValues[p] * x[_linearColumns[p]];
            }

            g[r] = s;
        }

        foreach (var cone in _cones)
        {
            g[cone.Row] = cone.Value(x);
        }

        foreach (var function in _functions)
        {
            g[function.Row] = function.Value(x);
        }
    }

    /// <inheritdoc/>
    public override void EvaluateJacobian(ReadOnlySpan<double> x, Span<double> values)
    {
        _linearValues.CopyTo(values);
        foreach (var cone in _cones)
        {
            cone.WriteGradient(x, values);
        }

        foreach (var function in _functions)
        {
            function.WriteGradient(x, values);
        }
    }

    /// <inheritdoc/>
    public override void EvaluateHessian(ReadOnlySpan<double> x, double objectiveFactor, ReadOnlySpan<double> multipliers, Span<double> values)
    {
        values.Clear();
        if (objectiveFactor != 0)
        {
            for (var k = 0; k < _quadC.Length; k++)
            {
                values[_quadHessianPosition[k]] += objectiveFactor * _quadHessianValue[k];
            }
        }

        foreach (var cone in _cones)
        {
            var lambda = multipliers[cone.Row];
            if (lambda != 0)
            {
                cone.AddHessian(lambda, values);
            }
        }

        foreach (var function in _functions)
        {
            var lambda = multipliers[function.Row];
            if (lambda != 0)
            {
                function.AddHessian(x, lambda, values);
            }
        }
    }

    /// <summary>Writes ∇f(x) + J(x)ᵀλ, the gradient of Ipopt's Lagrangian without the bound terms (so z_L − z_U at a KKT point).</summary>
    public void LagrangianGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> multipliers, Span<double> result)
    {
        EvaluateObjectiveGradient(x, result);
        var jacobian = new double[_jacobianRows.Length];
        EvaluateJacobian(x, jacobian);
        for (var k = 0; k < jacobian.Length; k++)
        {
            result[_jacobianColumns[k]] += jacobian[k] * multipliers[_jacobianRows[k]];
        }
    }

    private void CheckVariable(int index, string where)
    {
        if (index < 0 || index >= _n)
        {
            throw new ArgumentException($"{where} uses variable {index}, which the model does not have.");
        }
    }

    /// <summary>One cone as the row Σ sₖ·eₖ(x)² − x_u·x_w ≤ 0, with local variables and a constant Hessian.</summary>
    private sealed class CompiledCone
    {
        private readonly int[] _variables;
        private readonly int _jacobianStart;
        private readonly int[][] _termLocal;
        private readonly double[][] _termCoefficient;
        private readonly double[] _termConstant;
        private readonly double[] _termSign;
        private readonly int _u = -1;
        private readonly int _w = -1;
        private readonly double[] _gradient;
        private readonly int[] _hessianPosition;
        private readonly double[] _hessianValue;

        public CompiledCone(ConeData cone, int row, List<int> jacobianRows, List<int> jacobianColumns, HessianPattern hessian, int n)
        {
            Row = row;
            var localOf = new Dictionary<int, int>();
            var variables = new List<int>();
            int Local(int global)
            {
                if (global < 0 || global >= n)
                {
                    throw new ArgumentException($"Cone {cone.Name ?? (row.ToString(System.Globalization.CultureInfo.InvariantCulture))} uses variable {global}, which the model does not have.");
                }

                if (!localOf.TryGetValue(global, out var local))
                {
                    local = variables.Count;
                    localOf.Add(global, local);
                    variables.Add(global);
                }

                return local;
            }

            var termCount = cone.Terms.Count + (cone.Kind == ConeKind.Quadratic ? 1 : 0);
            _termLocal = new int[termCount][];
            _termCoefficient = new double[termCount][];
            _termConstant = new double[termCount];
            _termSign = new double[termCount];
            for (var k = 0; k < cone.Terms.Count; k++)
            {
                var e = cone.Terms[k];
                var merged = new Dictionary<int, double>();
                var order = new List<int>();
                for (var p = 0; p < e.Count; p++)
                {
                    var local = Local(e.Indices[p]);
                    if (merged.TryGetValue(local, out var c))
                    {
                        merged[local] = c + e.Coefficients[p];
                    }
                    else
                    {
                        merged.Add(local, e.Coefficients[p]);
                        order.Add(local);
                    }
                }

                _termLocal[k] = [.. order];
                _termCoefficient[k] = [.. order.Select(l => merged[l])];
                _termConstant[k] = e.Constant;
                _termSign[k] = 1.0;
            }

            if (cone.Kind == ConeKind.Quadratic)
            {
                var last = termCount - 1;
                _termLocal[last] = [Local(cone.Head.Index)];
                _termCoefficient[last] = [1.0];
                _termSign[last] = -1.0;
            }
            else
            {
                _u = Local(cone.Head.Index);
                _w = Local((cone.SecondHead ?? throw new ArgumentException("A rotated cone needs a second head variable.")).Index);
            }

            _variables = [.. variables];
            _gradient = new double[_variables.Length];
            _jacobianStart = jacobianRows.Count;
            foreach (var global in _variables)
            {
                jacobianRows.Add(row);
                jacobianColumns.Add(global);
            }

            // Constant Hessian, lower triangle: 2·s·a·aᵀ per term, and −1 at (u, w) for −u·w (−2 when u = w).
            var entries = new Dictionary<int, double>();
            void Add(int a, int b, double value)
            {
                var position = hessian.Position(_variables[a], _variables[b]);
                entries[position] = entries.GetValueOrDefault(position) + value;
            }

            for (var k = 0; k < termCount; k++)
            {
                var locals = _termLocal[k];
                var coefficients = _termCoefficient[k];
                for (var p = 0; p < locals.Length; p++)
                {
                    for (var q = 0; q <= p; q++)
                    {
                        Add(locals[p], locals[q], 2 * _termSign[k] * coefficients[p] * coefficients[q]);
                    }
                }
            }

            if (_u >= 0)
            {
                Add(_u, _w, _u == _w ? -2.0 : -1.0);
            }

            _hessianPosition = [.. entries.Keys];
            _hessianValue = [.. entries.Values];
        }

        public int Row { get; }

        public double Value(ReadOnlySpan<double> x)
        {
            var v = 0.0;
            for (var k = 0; k < _termSign.Length; k++)
            {
                var e = Term(k, x);
                v += _termSign[k] * e * e;
            }

            if (_u >= 0)
            {
                v -= x[_variables[_u]] * x[_variables[_w]];
            }

            return v;
        }

        public void WriteGradient(ReadOnlySpan<double> x, Span<double> jacobian)
        {
            Array.Clear(_gradient);
            for (var k = 0; k < _termSign.Length; k++)
            {
                var factor = 2 * _termSign[k] * Term(k, x);
                var locals = _termLocal[k];
                var coefficients = _termCoefficient[k];
                for (var p = 0; p < locals.Length; p++)
                {
                    _gradient[locals[p]] += factor * coefficients[p];
                }
            }

            if (_u >= 0)
            {
                _gradient[_u] -= x[_variables[_w]];
                _gradient[_w] -= x[_variables[_u]];
            }

            _gradient.CopyTo(jacobian[_jacobianStart..]);
        }

        public void AddHessian(double lambda, Span<double> values)
        {
            for (var k = 0; k < _hessianPosition.Length; k++)
            {
                values[_hessianPosition[k]] += lambda * _hessianValue[k];
            }
        }

        private double Term(int k, ReadOnlySpan<double> x)
        {
            var e = _termConstant[k];
            var locals = _termLocal[k];
            var coefficients = _termCoefficient[k];
            for (var p = 0; p < locals.Length; p++)
            {
                e += coefficients[p] * x[_variables[locals[p]]];
            }

            return e;
        }
    }

    /// <summary>One <see cref="INonlinearFunction"/> row: local gather/scatter buffers and the positions of its entries.</summary>
    private sealed class CompiledFunction
    {
        private readonly INonlinearFunction _function;
        private readonly int[] _globals;
        private readonly int[] _jacobianPosition;
        private readonly int _jacobianStart;
        private readonly int _jacobianCount;
        private readonly int[] _hessianPosition;
        private readonly double[] _hessianFactor;
        private readonly double[] _x;
        private readonly double[] _gradient;
        private readonly double[] _hessian;

        public CompiledFunction(INonlinearFunction function, int row, List<int> jacobianRows, List<int> jacobianColumns, HessianPattern hessian, int n)
        {
            ArgumentNullException.ThrowIfNull(function);
            _function = function;
            Row = row;
            var variables = function.Variables;
            _globals = new int[variables.Count];
            _jacobianPosition = new int[variables.Count];
            _jacobianStart = jacobianRows.Count;
            var positionOf = new Dictionary<int, int>();
            for (var k = 0; k < variables.Count; k++)
            {
                var global = variables[k].Index;
                if (global < 0 || global >= n)
                {
                    throw new ArgumentException($"Nonlinear constraint {row} uses variable {global}, which the model does not have.");
                }

                _globals[k] = global;
                if (!positionOf.TryGetValue(global, out var position))
                {
                    position = jacobianRows.Count;
                    positionOf.Add(global, position);
                    jacobianRows.Add(row);
                    jacobianColumns.Add(global);
                }

                _jacobianPosition[k] = position;
            }

            _jacobianCount = jacobianRows.Count - _jacobianStart;
            var structure = function.HessianStructure;
            _hessianPosition = new int[structure.Count];
            _hessianFactor = new double[structure.Count];
            for (var k = 0; k < structure.Count; k++)
            {
                var (r, c) = structure[k];
                if (c < 0 || r < c || r >= variables.Count)
                {
                    throw new ArgumentException($"Nonlinear constraint {row}: Hessian entry ({r}, {c}) is not in the lower triangle of its {variables.Count} local variables.");
                }

                _hessianPosition[k] = hessian.Position(_globals[r], _globals[c]);

                // An off-diagonal local pair on one model variable lands on the diagonal twice (H_rc and H_cr).
                _hessianFactor[k] = r != c && _globals[r] == _globals[c] ? 2.0 : 1.0;
            }

            _x = new double[variables.Count];
            _gradient = new double[variables.Count];
            _hessian = new double[structure.Count];
        }

        public int Row { get; }

        public double Value(ReadOnlySpan<double> x)
        {
            Gather(x);
            return _function.Value(_x);
        }

        public void WriteGradient(ReadOnlySpan<double> x, Span<double> jacobian)
        {
            Gather(x);
            Array.Clear(_gradient);
            _function.Gradient(_x, _gradient);
            jacobian.Slice(_jacobianStart, _jacobianCount).Clear();
            for (var k = 0; k < _gradient.Length; k++)
            {
                jacobian[_jacobianPosition[k]] += _gradient[k];
            }
        }

        public void AddHessian(ReadOnlySpan<double> x, double lambda, Span<double> values)
        {
            Gather(x);
            Array.Clear(_hessian);
            _function.AddHessian(_x, lambda, _hessian);
            for (var k = 0; k < _hessian.Length; k++)
            {
                values[_hessianPosition[k]] += _hessianFactor[k] * _hessian[k];
            }
        }

        private void Gather(ReadOnlySpan<double> x)
        {
            for (var k = 0; k < _globals.Length; k++)
            {
                _x[k] = x[_globals[k]];
            }
        }
    }

    /// <summary>Copies the two arrays of a pair (bounds, or sparsity rows and columns) into the buffers Ipopt gave.</summary>
    private static void CopyBoth<T>(T[] first, Span<T> firstTarget, T[] second, Span<T> secondTarget)
    {
        first.CopyTo(firstTarget);
        second.CopyTo(secondTarget);
    }
}
