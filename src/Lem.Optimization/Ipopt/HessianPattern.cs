namespace Lem.Optimization.Ipopt;

/// <summary>Collects the distinct lower-triangle (row ≥ column) positions of a Hessian while a program is compiled.</summary>
/// <remarks>The key row·n + column is a distinct 32-bit value (a perfect hash) for up to 65,536 variables.</remarks>
internal sealed class HessianPattern(int variableCount)
{
    private readonly long _n = variableCount;
    private readonly Dictionary<long, int> _positions = [];
    private readonly List<int> _rows = [];
    private readonly List<int> _columns = [];

    /// <summary>The number of distinct entries.</summary>
    public int Count => _rows.Count;

    /// <summary>The rows of the entries.</summary>
    public IReadOnlyList<int> Rows => _rows;

    /// <summary>The columns of the entries.</summary>
    public IReadOnlyList<int> Columns => _columns;

    /// <summary>The position of the entry of variables a and b (in either order), added when new.</summary>
    public int Position(int a, int b)
    {
        var (row, column) = a >= b ? (a, b) : (b, a);
        var key = (row * _n) + column;
        if (!_positions.TryGetValue(key, out var position))
        {
            position = _rows.Count;
            _positions.Add(key, position);
            _rows.Add(row);
            _columns.Add(column);
        }

        return position;
    }
}
