namespace Lem.Optimization.Highs;

/// <summary>
/// The constraint matrix of an <see cref="OptimizationModel"/> in compressed sparse column form, with repeated
/// variables of a row summed and resulting zeros dropped, plus row bounds with the expression constants moved
/// into them. Built in O(terms) time: rows are deduplicated with a marker array, then transposed by counting.
/// </summary>
/// <param name="Rows">The number of rows (linear constraints).</param>
/// <param name="Columns">The number of columns (variables).</param>
/// <param name="Start">Column starts, length <paramref name="Columns"/> + 1.</param>
/// <param name="Index">Row index of each nonzero, ascending within a column.</param>
/// <param name="Value">Value of each nonzero.</param>
/// <param name="RowLower">Row lower bounds (−∞ for none) minus the expression constants.</param>
/// <param name="RowUpper">Row upper bounds (+∞ for none) minus the expression constants.</param>
internal sealed record CompressedColumns(int Rows, int Columns, int[] Start, int[] Index, double[] Value, double[] RowLower, double[] RowUpper)
{
    /// <summary>The number of nonzeros.</summary>
    internal int NonZeros => Start[Columns];

    /// <summary>Builds the matrix of the model's linear constraints.</summary>
    internal static CompressedColumns Build(OptimizationModel model)
    {
        var columns = model.Variables.Count;
        var constraints = model.Constraints;
        var rows = constraints.Count;
        long totalTerms = 0;
        for (var r = 0; r < rows; r++)
        {
            totalTerms += constraints[r].Expression.Count;
        }

        if (totalTerms > Array.MaxLength)
        {
            throw new ArgumentException($"The model '{model.Name}' has {totalTerms} constraint terms, more than one array can hold.");
        }

        // Row-wise, deduplicated.
        var rowStart = new int[rows + 1];
        var rowColumn = new int[totalTerms];
        var rowValue = new double[totalTerms];
        var mark = new int[columns];
        var position = new int[columns];
        Array.Fill(mark, -1);
        var rowLower = new double[rows];
        var rowUpper = new double[rows];
        var columnCount = new int[columns + 1];
        var nz = 0;
        for (var r = 0; r < rows; r++)
        {
            var data = constraints[r];
            var e = data.Expression;
            rowLower[r] = data.Lower - e.Constant;
            rowUpper[r] = data.Upper - e.Constant;
            var first = nz;
            var indices = AsSpan(e.Indices);
            var coefficients = AsSpan(e.Coefficients);
            for (var k = 0; k < indices.Length; k++)
            {
                var j = indices[k];
                if (mark[j] == r)
                {
                    rowValue[position[j]] += coefficients[k];
                }
                else
                {
                    mark[j] = r;
                    position[j] = nz;
                    rowColumn[nz] = j;
                    rowValue[nz] = coefficients[k];
                    nz++;
                }
            }

            // Drop entries that cancelled out (x − x), compacting in place.
            var kept = first;
            for (var k = first; k < nz; k++)
            {
                if (rowValue[k] != 0)
                {
                    rowColumn[kept] = rowColumn[k];
                    rowValue[kept] = rowValue[k];
                    columnCount[rowColumn[k] + 1]++;
                    kept++;
                }
            }

            nz = kept;
            rowStart[r + 1] = nz;
        }

        // Transpose by counting: rows are visited in order, so row indices ascend within each column.
        for (var j = 0; j < columns; j++)
        {
            columnCount[j + 1] += columnCount[j];
        }

        var start = columnCount;
        var next = new int[columns];
        Array.Copy(start, next, columns);
        var index = new int[nz];
        var value = new double[nz];
        for (var r = 0; r < rows; r++)
        {
            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                var slot = next[rowColumn[k]]++;
                index[slot] = r;
                value[slot] = rowValue[k];
            }
        }

        return new CompressedColumns(rows, columns, start, index, value, rowLower, rowUpper);
    }

    /// <summary>The linear objective as a dense cost vector (repeated variables summed).</summary>
    internal static double[] Costs(OptimizationModel model)
    {
        var cost = new double[model.Variables.Count];
        var objective = model.Objective;
        var indices = AsSpan(objective.Indices);
        var coefficients = AsSpan(objective.Coefficients);
        for (var k = 0; k < indices.Length; k++)
        {
            cost[indices[k]] += coefficients[k];
        }

        return cost;
    }

    /// <summary>A read-only span over a list without copying when it is a <see cref="List{T}"/>.</summary>
    internal static ReadOnlySpan<T> AsSpan<T>(IReadOnlyList<T> list) => list switch
    {
        List<T> l => CollectionsMarshal.AsSpan(l),
        T[] a => a,
        _ => list.ToArray(),
    };
}
