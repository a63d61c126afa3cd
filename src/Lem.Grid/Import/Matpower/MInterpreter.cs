namespace Lem.Grid.Import.Matpower;

/// <summary>
/// Evaluates the statements of a MATPOWER case file: assignments of scalars, strings, matrices and cell arrays,
/// arithmetic with scalar broadcasting, indexing and indexed assignment, the elementary functions and MATPOWER's
/// column-index functions. Every failing statement is reported with its line; the run goes on with the next one.
/// </summary>
internal sealed class MInterpreter
{
    private static readonly Dictionary<string, Func<double, double>> ElementaryFunctions = new(StringComparer.Ordinal)
    {
        ["sin"] = Math.Sin,
        ["cos"] = Math.Cos,
        ["tan"] = Math.Tan,
        ["asin"] = Math.Asin,
        ["acos"] = Math.Acos,
        ["atan"] = Math.Atan,
        ["sinh"] = Math.Sinh,
        ["cosh"] = Math.Cosh,
        ["tanh"] = Math.Tanh,
        ["sqrt"] = Math.Sqrt,
        ["abs"] = Math.Abs,
        ["exp"] = Math.Exp,
        ["log"] = Math.Log,
        ["log10"] = Math.Log10,
        ["round"] = v => Math.Round(v, MidpointRounding.AwayFromZero),
        ["floor"] = Math.Floor,
        ["ceil"] = Math.Ceiling,
        ["fix"] = Math.Truncate,
        ["deg2rad"] = v => v * Math.PI / 180.0,
        ["rad2deg"] = v => v * 180.0 / Math.PI,
    };

    private readonly Dictionary<string, MValue> _variables = new(StringComparer.Ordinal);
    private readonly Stack<double> _endValues = new();

    /// <summary>The output variable named by the function header, or null when the file has no header.</summary>
    public string? OutputName { get; private set; }

    /// <summary>The function name from the header, or null.</summary>
    public string? FunctionName { get; private set; }

    /// <summary>Looks up a variable after the run.</summary>
    public bool TryGetVariable(string name, out MValue value) => _variables.TryGetValue(name, out value!);

    /// <summary>Runs one statement; throws <see cref="MEvalException"/> when it cannot be evaluated.</summary>
    public void Execute(MStatement statement)
    {
        switch (statement)
        {
            case MFunctionStatement f:
                if (FunctionName is not null)
                {
                    throw new MEvalException("Only one function per case file is supported (a second 'function' line was found).");
                }

                FunctionName = f.Name;
                OutputName = f.Output;
                return;
            case MNoOpStatement:
                return;
            case MAssignStatement a:
                ExecuteAssignment(a);
                return;
            case MMultiAssignStatement m:
                ExecuteMultiAssignment(m);
                return;
            case MExpressionStatement e:
                Evaluate(e.Expression);
                return;
            default:
                throw new MEvalException("This statement is not supported.");
        }
    }

    private void ExecuteAssignment(MAssignStatement a)
    {
        MValue value;
        try
        {
            value = Evaluate(a.Value);
        }
        catch (MEvalException)
        {
            Poison(a.Target, a.Line);
            throw;
        }

        try
        {
            Store(a.Target, _ => value, a.Line);
        }
        catch (MEvalException)
        {
            Poison(a.Target, a.Line);
            throw;
        }
    }

    private void Poison(MExpr target, int line)
    {
        // Mark the whole variable or field as invalid so that later uses do not report follow-on errors.
        var root = target is MCallExpr call ? call.Target : target;
        try
        {
            Store(root, _ => MPoison.Instance, line);
        }
        catch (MEvalException)
        {
            if (RootName(root) is { } name)
            {
                _variables[name] = MPoison.Instance;
            }
        }
    }

    private static string? RootName(MExpr e) => e switch
    {
        MIdentExpr i => i.Name,
        MFieldExpr f => RootName(f.Target),
        MCallExpr c => RootName(c.Target),
        _ => null,
    };

    private void ExecuteMultiAssignment(MMultiAssignStatement m)
    {
        string name;
        IReadOnlyList<MExpr> args;
        switch (m.Value)
        {
            case MIdentExpr id:
                name = id.Name;
                args = [];
                break;
            case MCallExpr { Target: MIdentExpr callee } call:
                name = callee.Name;
                args = call.Args;
                break;
            default:
                throw new MEvalException("Only a function call can be assigned to several names at once.");
        }

        if (_variables.ContainsKey(name))
        {
            throw new MEvalException($"'{name}' is a variable, so it cannot give several outputs.");
        }

        if (!MatpowerIndexFunctions.IsIndexFunction(name))
        {
            throw new MEvalException($"The function '{name}' is not supported here; only idx_bus, idx_brch, idx_gen and idx_cost give several outputs.");
        }

        if (args.Count > 0)
        {
            throw new MEvalException($"'{name}' takes no arguments.");
        }

        var outputs = MatpowerIndexFunctions.Outputs(name);
        if (m.Targets.Count > outputs.Count)
        {
            throw new MEvalException($"'{name}' gives {outputs.Count} outputs but {m.Targets.Count} names are assigned.");
        }

        for (var i = 0; i < m.Targets.Count; i++)
        {
            if (m.Targets[i] is { } target)
            {
                _variables[target] = MMatrix.Scalar(outputs[i]);
            }
        }
    }

    /// <summary>Replaces the value at an assignable target by <paramref name="update"/> applied to its old value (null when unset).</summary>
    private void Store(MExpr target, Func<MValue?, MValue> update, int line)
    {
        switch (target)
        {
            case MIdentExpr id:
                _variables.TryGetValue(id.Name, out var old);
                _variables[id.Name] = CopyOnAssign(update(old));
                return;
            case MFieldExpr field:
                Store(
                    field.Target,
                    old =>
                    {
                        var s = old switch
                        {
                            null => new MStruct(),
                            MStruct existing => existing.Clone(),
                            MPoison => throw new MEvalException("invalid", silent: true),
                            _ => throw new MEvalException($"Cannot set the field '{field.Field}' of {old.Describe()}."),
                        };
                        s.TryGet(field.Field, out var oldField);
                        s.Set(field.Field, CopyOnAssign(update(oldField)), line);
                        return s;
                    },
                    line);
                return;
            case MCallExpr call:
                Store(
                    call.Target,
                    old =>
                    {
                        if (old is MPoison)
                        {
                            throw new MEvalException("invalid", silent: true);
                        }

                        var rhs = update(null);
                        return IndexAssign(old, call.Args, rhs);
                    },
                    line);
                return;
            default:
                throw new MEvalException("The left side of '=' cannot be assigned.");
        }
    }

    private static MValue CopyOnAssign(MValue value) => value is MStruct s ? s.Clone() : value;

    /// <summary>Evaluates an expression to a value.</summary>
    public MValue Evaluate(MExpr expr)
    {
        switch (expr)
        {
            case MNumberExpr n:
                if (double.IsNaN(n.Value))
                {
                    throw new MEvalException("invalid number", silent: true);
                }

                return MMatrix.Scalar(n.Value);
            case MStringExpr s:
                return new MString(s.Value);
            case MIdentExpr id:
                return EvaluateName(id.Name, []);
            case MFieldExpr f:
            {
                var target = Evaluate(f.Target);
                return target switch
                {
                    MStruct s when s.TryGet(f.Field, out var v) => v is MPoison ? throw new MEvalException("invalid", silent: true) : v,
                    MStruct => throw new MEvalException($"The struct has no field '{f.Field}'."),
                    MPoison => throw new MEvalException("invalid", silent: true),
                    _ => throw new MEvalException($"Cannot read the field '{f.Field}' of {target.Describe()}."),
                };
            }

            case MCallExpr call:
                return EvaluateCall(call);
            case MColonAllExpr:
                throw new MEvalException("A bare ':' is only allowed as an index.");
            case MEndExpr:
                if (_endValues.Count == 0)
                {
                    throw new MEvalException("'end' is only allowed inside an index.");
                }

                return MMatrix.Scalar(_endValues.Peek());
            case MRangeExpr r:
                return EvaluateRange(r);
            case MUnaryExpr u:
            {
                var operand = AsMatrix(Evaluate(u.Operand), $"the operand of unary '{u.Op}'");
                return u.Op == "-" ? Map(operand, v => -v) : operand;
            }

            case MBinaryExpr b:
                return EvaluateBinary(b);
            case MTransposeExpr t:
                return Transpose(Evaluate(t.Operand));
            case MMatrixExpr m:
                return m.IsCell ? EvaluateCell(m) : EvaluateMatrix(m);
            default:
                throw new MEvalException("This expression is not supported.");
        }
    }

    private MValue EvaluateName(string name, IReadOnlyList<MExpr> args)
    {
        if (_variables.TryGetValue(name, out var v))
        {
            if (v is MPoison)
            {
                throw new MEvalException("invalid", silent: true);
            }

            return args.Count == 0 ? v : Index(v, args);
        }

        if (args.Count == 0)
        {
            switch (name)
            {
                case "Inf" or "inf":
                    return MMatrix.Scalar(double.PositiveInfinity);
                case "NaN" or "nan":
                    return MMatrix.Scalar(double.NaN);
                case "pi":
                    return MMatrix.Scalar(Math.PI);
                case "eps":
                    return MMatrix.Scalar(Math.Pow(2, -52));
                case "true":
                    return MMatrix.Scalar(1);
                case "false":
                    return MMatrix.Scalar(0);
            }
        }

        if (MatpowerIndexFunctions.IsIndexFunction(name))
        {
            if (args.Count > 0)
            {
                throw new MEvalException($"'{name}' takes no arguments.");
            }

            return MMatrix.Scalar(MatpowerIndexFunctions.Outputs(name)[0]);
        }

        if (ElementaryFunctions.TryGetValue(name, out var fn))
        {
            if (args.Count != 1)
            {
                throw new MEvalException($"'{name}' takes exactly one argument.");
            }

            var arg = AsMatrix(Evaluate(args[0]), $"the argument of '{name}'");
            var result = Map(arg, fn);
            for (var i = 0; i < result.Count; i++)
            {
                if (double.IsNaN(result.Data[i]) && !double.IsNaN(arg.Data[i]))
                {
                    throw new MEvalException($"'{name}({Format(arg.Data[i])})' has no real value; complex numbers are not supported.");
                }
            }

            return result;
        }

        throw new MEvalException($"'{name}' is neither a variable defined earlier in the file nor a supported function.");
    }

    private MValue EvaluateCall(MCallExpr call)
    {
        if (call.Target is MIdentExpr id)
        {
            return EvaluateName(id.Name, call.Args);
        }

        var target = Evaluate(call.Target);
        return Index(target, call.Args);
    }

    private MMatrix EvaluateRange(MRangeExpr r)
    {
        var start = ScalarOf(Evaluate(r.Start), "the start of a range");
        var step = r.Step is null ? 1.0 : ScalarOf(Evaluate(r.Step), "the step of a range");
        var stop = ScalarOf(Evaluate(r.Stop), "the end of a range");
        if (step == 0 || !double.IsFinite(start) || !double.IsFinite(step) || !double.IsFinite(stop))
        {
            throw new MEvalException("A range needs finite bounds and a non-zero step.");
        }

        var count = (long)Math.Floor(((stop - start) / step) + 1e-10) + 1;
        if (count <= 0)
        {
            return new MMatrix(1, 0, []);
        }

        if (count > 10_000_000)
        {
            throw new MEvalException("The range has too many elements.");
        }

        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = start + (i * step);
        }

        return MMatrix.RowVector(values);
    }

    private MMatrix EvaluateBinary(MBinaryExpr b)
    {
        var left = AsMatrix(Evaluate(b.Left), $"the left operand of '{b.Op}'");
        var right = AsMatrix(Evaluate(b.Right), $"the right operand of '{b.Op}'");
        switch (b.Op)
        {
            case "+":
                return Elementwise(left, right, (x, y) => x + y, b.Op);
            case "-":
                return Elementwise(left, right, (x, y) => x - y, b.Op);
            case ".*":
                return Elementwise(left, right, (x, y) => x * y, b.Op);
            case "./":
                return Elementwise(left, right, (x, y) => x / y, b.Op);
            case ".\\":
                return Elementwise(left, right, (x, y) => y / x, b.Op);
            case ".^":
                return Elementwise(left, right, Power, b.Op);
            case "*":
                return left.IsScalar || right.IsScalar ? Elementwise(left, right, (x, y) => x * y, b.Op) : MatrixProduct(left, right);
            case "/":
                if (!right.IsScalar)
                {
                    throw new MEvalException("Division by a matrix (right division) is not supported; use './' for element-wise division.");
                }

                return Elementwise(left, right, (x, y) => x / y, b.Op);
            case "\\":
                if (!left.IsScalar)
                {
                    throw new MEvalException("Left division by a matrix is not supported.");
                }

                return Elementwise(left, right, (x, y) => y / x, b.Op);
            case "^":
                if (!left.IsScalar || !right.IsScalar)
                {
                    throw new MEvalException("Matrix power is not supported; use '.^' for element-wise powers.");
                }

                return Elementwise(left, right, Power, b.Op);
            default:
                throw new MEvalException($"The operator '{b.Op}' is not supported.");
        }
    }

    private static double Power(double x, double y)
    {
        var result = Math.Pow(x, y);
        if (double.IsNaN(result) && !double.IsNaN(x) && !double.IsNaN(y))
        {
            throw new MEvalException($"'{Format(x)}^{Format(y)}' has no real value; complex numbers are not supported.");
        }

        return result;
    }

    private static MMatrix Elementwise(MMatrix a, MMatrix b, Func<double, double, double> op, string opText)
    {
        if (a.IsScalar && !b.IsScalar)
        {
            var s = a.Data[0];
            var data = new double[b.Count];
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = op(s, b.Data[i]);
            }

            return new MMatrix(b.Rows, b.Cols, data, b.RowLines);
        }

        if (b.IsScalar)
        {
            var s = b.Data[0];
            var data = new double[a.Count];
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = op(a.Data[i], s);
            }

            return new MMatrix(a.Rows, a.Cols, data, a.RowLines);
        }

        if (a.Rows != b.Rows || a.Cols != b.Cols)
        {
            throw new MEvalException($"The operands of '{opText}' have different sizes ({a.Rows}x{a.Cols} and {b.Rows}x{b.Cols}).");
        }

        var result = new double[a.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = op(a.Data[i], b.Data[i]);
        }

        return new MMatrix(a.Rows, a.Cols, result, a.RowLines ?? b.RowLines);
    }

    private static MMatrix MatrixProduct(MMatrix a, MMatrix b)
    {
        if (a.Cols != b.Rows)
        {
            throw new MEvalException($"Cannot multiply a {a.Rows}x{a.Cols} matrix by a {b.Rows}x{b.Cols} matrix; use '.*' for element-wise products.");
        }

        var data = new double[a.Rows * b.Cols];
        for (var i = 0; i < a.Rows; i++)
        {
            for (var j = 0; j < b.Cols; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < a.Cols; k++)
                {
                    sum += a[i, k] * b[k, j];
                }

                data[(i * b.Cols) + j] = sum;
            }
        }

        return new MMatrix(a.Rows, b.Cols, data, a.RowLines);
    }

    private static MMatrix Map(MMatrix m, Func<double, double> f)
    {
        var data = new double[m.Count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = f(m.Data[i]);
        }

        return new MMatrix(m.Rows, m.Cols, data, m.RowLines);
    }

    private static MValue Transpose(MValue value)
    {
        switch (value)
        {
            case MMatrix m:
            {
                var data = new double[m.Count];
                for (var i = 0; i < m.Rows; i++)
                {
                    for (var j = 0; j < m.Cols; j++)
                    {
                        data[(j * m.Rows) + i] = m[i, j];
                    }
                }

                return new MMatrix(m.Cols, m.Rows, data);
            }

            case MCell c:
            {
                var items = new MValue[c.Items.Length];
                for (var i = 0; i < c.Rows; i++)
                {
                    for (var j = 0; j < c.Cols; j++)
                    {
                        items[(j * c.Rows) + i] = c.Items[(i * c.Cols) + j];
                    }
                }

                return new MCell(c.Cols, c.Rows, items, null);
            }

            default:
                throw new MEvalException($"Cannot transpose {value.Describe()}.");
        }
    }

    private MValue EvaluateMatrix(MMatrixExpr m)
    {
        var rowBlocks = new List<MMatrix>(m.Rows.Count);
        var strings = new List<string>();
        foreach (var row in m.Rows)
        {
            var parts = new List<MMatrix>(row.Elements.Count);
            var text = new System.Text.StringBuilder();
            var hasText = false;
            foreach (var element in row.Elements)
            {
                var v = Evaluate(element);
                switch (v)
                {
                    case MString s:
                        hasText = true;
                        text.Append(s.Text);
                        break;
                    case MMatrix mm:
                        parts.Add(mm);
                        break;
                    default:
                        throw new MEvalException($"A matrix cannot contain {v.Describe()}.");
                }
            }

            if (hasText && parts.Count > 0)
            {
                throw new MEvalException("A matrix row mixes text and numbers; that is not supported.");
            }

            if (hasText)
            {
                strings.Add(text.ToString());
            }
            else
            {
                rowBlocks.Add(ConcatenateHorizontally(parts, row.Line));
            }
        }

        if (strings.Count > 0 && rowBlocks.Count > 0)
        {
            throw new MEvalException("A matrix mixes rows of text and rows of numbers; that is not supported.");
        }

        if (strings.Count > 0)
        {
            return strings.Count == 1
                ? new MString(strings[0])
                : throw new MEvalException("Character matrices with several rows are not supported; use a cell array.");
        }

        return ConcatenateVertically(rowBlocks);
    }

    private static MMatrix ConcatenateHorizontally(List<MMatrix> parts, int line)
    {
        var nonEmpty = parts.Where(p => !p.IsEmpty).ToList();
        if (nonEmpty.Count == 0)
        {
            return MMatrix.Empty;
        }

        if (nonEmpty.Count == 1 && nonEmpty[0].IsScalar)
        {
            return new MMatrix(1, 1, nonEmpty[0].Data, [line]);
        }

        var rows = nonEmpty[0].Rows;
        if (nonEmpty.Any(p => p.Rows != rows))
        {
            throw new MEvalException("The elements of a matrix row have different numbers of rows.");
        }

        var cols = nonEmpty.Sum(p => p.Cols);
        var data = new double[rows * cols];
        var offset = 0;
        foreach (var p in nonEmpty)
        {
            for (var i = 0; i < rows; i++)
            {
                Array.Copy(p.Data, i * p.Cols, data, (i * cols) + offset, p.Cols);
            }

            offset += p.Cols;
        }

        var lines = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            lines[i] = rows == 1 ? line : nonEmpty[0].LineOfRow(i) is var l && l > 0 ? l : line;
        }

        return new MMatrix(rows, cols, data, lines);
    }

    private static MMatrix ConcatenateVertically(List<MMatrix> blocks)
    {
        var nonEmpty = blocks.Where(b => !b.IsEmpty).ToList();
        if (nonEmpty.Count == 0)
        {
            return MMatrix.Empty;
        }

        var cols = nonEmpty[0].Cols;
        for (var k = 1; k < nonEmpty.Count; k++)
        {
            if (nonEmpty[k].Cols != cols)
            {
                var line = nonEmpty[k].LineOfRow(0);
                throw new MEvalException(
                    $"The matrix rows have different numbers of columns: {cols} in the first row, {nonEmpty[k].Cols} in the row at line {line}.");
            }
        }

        var rows = nonEmpty.Sum(b => b.Rows);
        var data = new double[rows * cols];
        var lines = new int[rows];
        var r = 0;
        foreach (var b in nonEmpty)
        {
            Array.Copy(b.Data, 0, data, r * cols, b.Count);
            for (var i = 0; i < b.Rows; i++)
            {
                lines[r + i] = b.LineOfRow(i);
            }

            r += b.Rows;
        }

        return new MMatrix(rows, cols, data, lines);
    }

    private MCell EvaluateCell(MMatrixExpr m)
    {
        var rows = new List<MValue[]>();
        var lines = new List<int>();
        foreach (var row in m.Rows)
        {
            var items = new MValue[row.Elements.Count];
            for (var j = 0; j < items.Length; j++)
            {
                items[j] = Evaluate(row.Elements[j]);
            }

            rows.Add(items);
            lines.Add(row.Line);
        }

        if (rows.Count == 0)
        {
            return new MCell(0, 0, [], null);
        }

        var cols = rows[0].Length;
        if (rows.Any(r => r.Length != cols))
        {
            throw new MEvalException("The rows of the cell array have different numbers of elements.");
        }

        return new MCell(rows.Count, cols, rows.SelectMany(r => r).ToArray(), [.. lines]);
    }

    /// <summary>Which positions an index selects: null for ':' (all), else 0-based positions.</summary>
    private int[]? EvaluateIndex(MExpr arg, int extent)
    {
        if (arg is MColonAllExpr)
        {
            return null;
        }

        _endValues.Push(extent);
        MValue value;
        try
        {
            value = Evaluate(arg);
        }
        finally
        {
            _endValues.Pop();
        }

        var m = AsMatrix(value, "an index");
        var positions = new int[m.Count];
        for (var i = 0; i < m.Count; i++)
        {
            var v = m.Data[i];
            if (!double.IsFinite(v) || v != Math.Floor(v) || v < 1 || v > int.MaxValue)
            {
                throw new MEvalException($"The index {Format(v)} is not a positive whole number.");
            }

            positions[i] = (int)v - 1;
        }

        return positions;
    }

    private MValue Index(MValue value, IReadOnlyList<MExpr> args)
    {
        var (rows, cols) = value switch
        {
            MMatrix m => (m.Rows, m.Cols),
            MCell c => (c.Rows, c.Cols),
            MString s => (1, s.Text.Length),
            MPoison => throw new MEvalException("invalid", silent: true),
            _ => throw new MEvalException($"Cannot index {value.Describe()}."),
        };
        var effective = args.Count;
        while (effective > 2 && args[effective - 1] is MNumberExpr { Value: 1 })
        {
            effective--;
        }

        if (effective == 0)
        {
            return value;
        }

        if (effective > 2)
        {
            throw new MEvalException("Indexing with more than two dimensions is not supported.");
        }

        if (effective == 1)
        {
            var count = rows * cols;
            var positions = EvaluateIndex(args[0], count) ?? Enumerable.Range(0, count).ToArray();
            foreach (var p in positions)
            {
                if (p >= count)
                {
                    throw new MEvalException($"The index {p + 1} is beyond the {count} elements of {value.Describe()}.");
                }
            }

            var asRow = rows == 1 && args[0] is not MColonAllExpr;
            switch (value)
            {
                case MMatrix m:
                {
                    var data = positions.Select(m.Linear).ToArray();
                    return asRow ? new MMatrix(1, data.Length, data) : new MMatrix(data.Length, 1, data);
                }

                case MString s:
                    return new MString(new string(positions.Select(p => s.Text[p]).ToArray()));
                default:
                {
                    var c = (MCell)value;
                    var items = positions.Select(p => c.Items[((p % c.Rows) * c.Cols) + (p / c.Rows)]).ToArray();
                    return asRow ? new MCell(1, items.Length, items, null) : new MCell(items.Length, 1, items, null);
                }
            }
        }

        var rowPositions = EvaluateIndex(args[0], rows) ?? Enumerable.Range(0, rows).ToArray();
        var colPositions = EvaluateIndex(args[1], cols) ?? Enumerable.Range(0, cols).ToArray();
        foreach (var r in rowPositions)
        {
            if (r >= rows)
            {
                throw new MEvalException($"The row index {r + 1} is beyond the {rows} rows of {value.Describe()}.");
            }
        }

        foreach (var c in colPositions)
        {
            if (c >= cols)
            {
                throw new MEvalException($"The column index {c + 1} is beyond the {cols} columns of {value.Describe()}.");
            }
        }

        switch (value)
        {
            case MMatrix m:
            {
                var data = new double[rowPositions.Length * colPositions.Length];
                var lines = new int[rowPositions.Length];
                for (var i = 0; i < rowPositions.Length; i++)
                {
                    lines[i] = m.LineOfRow(rowPositions[i]);
                    for (var j = 0; j < colPositions.Length; j++)
                    {
                        data[(i * colPositions.Length) + j] = m[rowPositions[i], colPositions[j]];
                    }
                }

                return new MMatrix(rowPositions.Length, colPositions.Length, data, lines);
            }

            case MString s:
                return new MString(new string(colPositions.Select(p => s.Text[p]).ToArray()));
            default:
            {
                var c = (MCell)value;
                var items = new MValue[rowPositions.Length * colPositions.Length];
                for (var i = 0; i < rowPositions.Length; i++)
                {
                    for (var j = 0; j < colPositions.Length; j++)
                    {
                        items[(i * colPositions.Length) + j] = c.Items[(rowPositions[i] * c.Cols) + colPositions[j]];
                    }
                }

                return new MCell(rowPositions.Length, colPositions.Length, items, null);
            }
        }
    }

    private MMatrix IndexAssign(MValue? old, IReadOnlyList<MExpr> args, MValue rhsValue)
    {
        var target = old switch
        {
            null => MMatrix.Empty,
            MMatrix m => m,
            _ => throw new MEvalException($"Indexed assignment into {old.Describe()} is not supported."),
        };
        var rhs = AsMatrix(rhsValue, "the right side of an indexed assignment");
        if (rhs.IsEmpty)
        {
            throw new MEvalException("Deleting rows or columns by assigning [] is not supported.");
        }

        var effective = args.Count;
        while (effective > 2 && args[effective - 1] is MNumberExpr { Value: 1 })
        {
            effective--;
        }

        if (effective == 1)
        {
            var count = target.Count;
            var positions = EvaluateIndex(args[0], count) ?? Enumerable.Range(0, count).ToArray();
            CheckRhsCount(rhs, positions.Length);
            var data = (double[])target.Data.Clone();
            for (var k = 0; k < positions.Length; k++)
            {
                var p = positions[k];
                if (p >= count)
                {
                    throw new MEvalException($"The index {p + 1} is beyond the {count} elements; growing a matrix by linear indexing is not supported.");
                }

                data[((p % target.Rows) * target.Cols) + (p / target.Rows)] = rhs.IsScalar ? rhs.Data[0] : rhs.Linear(k);
            }

            return new MMatrix(target.Rows, target.Cols, data, target.RowLines);
        }

        if (effective != 2)
        {
            throw new MEvalException("Indexed assignment needs one or two indices.");
        }

        var rowPositions = EvaluateIndex(args[0], target.Rows);
        var colPositions = EvaluateIndex(args[1], target.Cols);
        var newRows = target.Rows;
        var newCols = target.Cols;
        if (rowPositions is null && target.IsEmpty)
        {
            newRows = rhs.Rows;
        }

        if (colPositions is null && target.IsEmpty)
        {
            newCols = rhs.Cols;
        }

        rowPositions ??= Enumerable.Range(0, newRows).ToArray();
        colPositions ??= Enumerable.Range(0, newCols).ToArray();
        if (rowPositions.Length > 0)
        {
            newRows = Math.Max(newRows, rowPositions.Max() + 1);
        }

        if (colPositions.Length > 0)
        {
            newCols = Math.Max(newCols, colPositions.Max() + 1);
        }

        var selRows = rowPositions.Length;
        var selCols = colPositions.Length;
        if (!rhs.IsScalar && !(rhs.Rows == selRows && rhs.Cols == selCols) &&
            !((selRows == 1 || selCols == 1) && rhs.IsVector && rhs.Count == selRows * selCols))
        {
            throw new MEvalException(
                $"The right side is a {rhs.Rows}x{rhs.Cols} matrix but the indices select {selRows}x{selCols} elements.");
        }

        var result = new double[newRows * newCols];
        for (var i = 0; i < target.Rows; i++)
        {
            Array.Copy(target.Data, i * target.Cols, result, i * newCols, target.Cols);
        }

        for (var i = 0; i < selRows; i++)
        {
            for (var j = 0; j < selCols; j++)
            {
                double v;
                if (rhs.IsScalar)
                {
                    v = rhs.Data[0];
                }
                else if (rhs.Rows == selRows && rhs.Cols == selCols)
                {
                    v = rhs[i, j];
                }
                else
                {
                    v = rhs.Data[(i * selCols) + j];
                }

                result[(rowPositions[i] * newCols) + colPositions[j]] = v;
            }
        }

        var lines = new int[newRows];
        for (var i = 0; i < newRows; i++)
        {
            lines[i] = i < target.Rows ? target.LineOfRow(i) : 0;
        }

        return new MMatrix(newRows, newCols, result, lines);
    }

    private static void CheckRhsCount(MMatrix rhs, int selected)
    {
        if (!rhs.IsScalar && rhs.Count != selected)
        {
            throw new MEvalException($"The right side has {rhs.Count} elements but the index selects {selected}.");
        }
    }

    private static MMatrix AsMatrix(MValue value, string what) => value switch
    {
        MMatrix m => m,
        MPoison => throw new MEvalException("invalid", silent: true),
        _ => throw new MEvalException($"Expected numbers for {what} but found {value.Describe()}."),
    };

    private static double ScalarOf(MValue value, string what)
    {
        var m = AsMatrix(value, what);
        if (!m.IsScalar)
        {
            throw new MEvalException($"Expected a single number for {what} but found {m.Describe()}.");
        }

        return m.Data[0];
    }

    private static string Format(double v) => v.ToString("G10", System.Globalization.CultureInfo.InvariantCulture);
}
