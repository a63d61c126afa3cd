namespace Lem.Grid.Import.Matpower;

/// <summary>A run-time value of the MATLAB subset.</summary>
internal abstract class MValue
{
    public abstract string Describe();
}

/// <summary>
/// A real matrix stored row by row (a scalar is 1x1). <see cref="RowLines"/> holds the source line of each row
/// when the matrix came from a literal (0 where unknown), so that problems can name the line.
/// </summary>
internal sealed class MMatrix : MValue
{
    public MMatrix(int rows, int cols, double[] data, int[]? rowLines = null)
    {
        if (data.Length != rows * cols)
        {
            throw new ArgumentException("The data length does not match the matrix size.", nameof(data));
        }

        Rows = rows;
        Cols = cols;
        Data = data;
        RowLines = rowLines;
    }

    public static MMatrix Empty { get; } = new(0, 0, []);

    public int Rows { get; }

    public int Cols { get; }

    public double[] Data { get; }

    public int[]? RowLines { get; }

    public int Count => Data.Length;

    public bool IsScalar => Rows == 1 && Cols == 1;

    public bool IsEmpty => Data.Length == 0;

    public bool IsVector => Rows == 1 || Cols == 1;

    public double this[int row, int col] => Data[(row * Cols) + col];

    public static MMatrix Scalar(double value) => new(1, 1, [value]);

    public static MMatrix RowVector(double[] values) => new(1, values.Length, values);

    /// <summary>The element at 0-based column-major linear position <paramref name="k"/> (MATLAB's linear indexing).</summary>
    public double Linear(int k) => Data[((k % Rows) * Cols) + (k / Rows)];

    public int LineOfRow(int row) => RowLines is { } lines && row < lines.Length ? lines[row] : 0;

    public override string Describe() => IsScalar ? "a scalar" : $"a {Rows}x{Cols} matrix";
}

/// <summary>A character row vector (a string).</summary>
internal sealed class MString(string text) : MValue
{
    public string Text { get; } = text;

    public override string Describe() => "a string";
}

/// <summary>A cell array stored row by row.</summary>
internal sealed class MCell(int rows, int cols, MValue[] items, int[]? rowLines) : MValue
{
    public int Rows { get; } = rows;

    public int Cols { get; } = cols;

    public MValue[] Items { get; } = items;

    public int[]? RowLines { get; } = rowLines;

    public override string Describe() => $"a {Rows}x{Cols} cell array";
}

/// <summary>A struct; fields keep the order and the line of their first assignment.</summary>
internal sealed class MStruct : MValue
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, MValue> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public IReadOnlyList<string> FieldNames => _order;

    public bool TryGet(string name, out MValue value) => _fields.TryGetValue(name, out value!);

    public int LineOf(string name) => _lines.TryGetValue(name, out var line) ? line : 0;

    public void Set(string name, MValue value, int line)
    {
        if (!_fields.ContainsKey(name))
        {
            _order.Add(name);
            _lines[name] = line;
        }

        _fields[name] = value;
    }

    public MStruct Clone()
    {
        var copy = new MStruct();
        foreach (var name in _order)
        {
            copy.Set(name, _fields[name], _lines[name]);
        }

        return copy;
    }

    public override string Describe() => "a struct";
}

/// <summary>The value of a variable or field whose assignment failed; using it fails silently (the cause was already reported).</summary>
internal sealed class MPoison : MValue
{
    public static MPoison Instance { get; } = new();

    public override string Describe() => "an invalid value";
}
