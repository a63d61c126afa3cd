using System.Numerics;

namespace Lem.Grid.PowerFlow;

/// <summary>A square complex sparse matrix in compressed sparse column form, rows sorted within each column.</summary>
public sealed class SparseComplexMatrix
{
    private SparseComplexMatrix(int n, int[] columnStarts, int[] rowIndices, Complex[] values)
    {
        Size = n;
        ColumnStarts = columnStarts;
        RowIndices = rowIndices;
        Values = values;
    }

    /// <summary>The number of rows and columns.</summary>
    public int Size { get; }

    /// <summary>Where each column starts in <see cref="RowIndices"/> and <see cref="Values"/>; length Size + 1.</summary>
    public int[] ColumnStarts { get; }

    /// <summary>The row of each stored entry.</summary>
    public int[] RowIndices { get; }

    /// <summary>The value of each stored entry.</summary>
    public Complex[] Values { get; }

    /// <summary>The number of stored entries.</summary>
    public int NonZeros => RowIndices.Length;

    /// <summary>Builds the matrix from (row, column, value) triplets, summing duplicates. Diagonal entries are always stored.</summary>
    public static SparseComplexMatrix FromTriplets(int n, IReadOnlyList<(int Row, int Col, Complex Value)> triplets)
    {
        ArgumentNullException.ThrowIfNull(triplets);

        // Counting sort by column (with one extra diagonal slot per column), then sort rows within each column and
        // merge duplicates: O(nnz log(nnz per column)).
        var counts = new int[n + 1];
        foreach (var (_, col, _) in triplets)
        {
            counts[col + 1]++;
        }

        for (var j = 0; j < n; j++)
        {
            counts[j + 1] += counts[j] + 1;
        }

        var rows = new int[counts[n]];
        var values = new Complex[counts[n]];
        var next = new int[n];
        for (var j = 0; j < n; j++)
        {
            next[j] = counts[j] + 1;
            rows[counts[j]] = j; // the diagonal, always present
        }

        foreach (var (row, col, value) in triplets)
        {
            var p = next[col]++;
            rows[p] = row;
            values[p] = value;
        }

        var starts = new int[n + 1];
        var outRows = new List<int>(rows.Length);
        var outValues = new List<Complex>(rows.Length);
        for (var j = 0; j < n; j++)
        {
            var from = counts[j];
            var length = counts[j + 1] - from;
            Array.Sort(rows, values, from, length);
            var last = -1;
            for (var p = from; p < from + length; p++)
            {
                if (rows[p] == last)
                {
                    outValues[^1] += values[p];
                }
                else
                {
                    outRows.Add(rows[p]);
                    outValues.Add(values[p]);
                    last = rows[p];
                }
            }

            starts[j + 1] = outRows.Count;
        }

        return new SparseComplexMatrix(n, starts, [.. outRows], [.. outValues]);
    }

    /// <summary>The position of entry (row, col) in <see cref="Values"/>, or −1 when it is not stored.</summary>
    public int Find(int row, int col)
    {
        var lo = ColumnStarts[col];
        var hi = ColumnStarts[col + 1] - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var r = RowIndices[mid];
            if (r == row)
            {
                return mid;
            }

            if (r < row)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>Computes y = A·x.</summary>
    public void Multiply(ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        y.Clear();
        for (var j = 0; j < Size; j++)
        {
            var xj = x[j];
            for (var p = ColumnStarts[j]; p < ColumnStarts[j + 1]; p++)
            {
                y[RowIndices[p]] += Values[p] * xj;
            }
        }
    }
}
