namespace Lem.Settlement.Allocation;

/// <summary>
/// The span of linear equality rows a·x = r over R^n, kept as an orthonormal basis (Gram–Schmidt, twice) with the
/// independent rows it came from; solves for x once the rows determine it.
/// </summary>
internal sealed class Subspace(int dimension)
{
    private const double DependenceTolerance = 1e-9;
    private readonly List<double[]> _basis = [];
    private readonly List<(double[] Row, double Rhs)> _rows = [];

    public int Dimension { get; } = dimension;

    public int Rank => _basis.Count;

    /// <summary>The independent rows added so far with their right-hand sides.</summary>
    public IReadOnlyList<(double[] Row, double Rhs)> Rows => _rows;

    public static double[] Indicator(int n, ulong mask)
    {
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                v[i] = 1;
            }
        }

        return v;
    }

    public bool Contains(double[] v) => Residual(v, out _) <= DependenceTolerance * Norm(v);

    /// <summary>Adds a row when it is independent of those before; returns whether it was added.</summary>
    public bool TryAdd(double[] row, double rhs)
    {
        var norm = Residual(row, out var r);
        if (norm <= DependenceTolerance * Norm(row))
        {
            return false;
        }

        for (var i = 0; i < r.Length; i++)
        {
            r[i] /= norm;
        }

        _basis.Add(r);
        _rows.Add(((double[])row.Clone(), rhs));
        return true;
    }

    /// <summary>An orthonormal basis of the orthogonal complement (the directions the rows leave free).</summary>
    public List<double[]> NullBasis()
    {
        var extended = new Subspace(Dimension);
        foreach (var q in _basis)
        {
            extended._basis.Add(q);
        }

        var result = new List<double[]>();
        for (var i = 0; i < Dimension && extended.Rank < Dimension; i++)
        {
            var e = new double[Dimension];
            e[i] = 1;
            var norm = extended.Residual(e, out var r);
            if (norm > 1e-6)
            {
                for (var k = 0; k < r.Length; k++)
                {
                    r[k] /= norm;
                }

                extended._basis.Add(r);
                result.Add(r);
            }
        }

        return result;
    }

    /// <summary>Solves the rows for x when they determine it (Gaussian elimination with partial pivoting).</summary>
    public double[] Solve()
    {
        if (Rank != Dimension)
        {
            throw new InvalidOperationException($"The rows have rank {Rank} < {Dimension}; x is not determined.");
        }

        var n = Dimension;
        var a = new double[n, n + 1];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = _rows[i].Row[j];
            }

            a[i, n] = _rows[i].Rhs;
        }

        for (var c = 0; c < n; c++)
        {
            var pivot = c;
            for (var i = c + 1; i < n; i++)
            {
                if (Math.Abs(a[i, c]) > Math.Abs(a[pivot, c]))
                {
                    pivot = i;
                }
            }

            for (var j = 0; j <= n; j++)
            {
                (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            }

            for (var i = 0; i < n; i++)
            {
                if (i == c || a[i, c] == 0)
                {
                    continue;
                }

                var f = a[i, c] / a[c, c];
                for (var j = c; j <= n; j++)
                {
                    a[i, j] -= f * a[c, j];
                }
            }
        }

        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = a[i, n] / a[i, i];
        }

        return x;
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

    private double Residual(double[] v, out double[] r)
    {
        r = (double[])v.Clone();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var q in _basis)
            {
                var dot = 0.0;
                for (var i = 0; i < r.Length; i++)
                {
                    dot += q[i] * r[i];
                }

                for (var i = 0; i < r.Length; i++)
                {
                    r[i] -= dot * q[i];
                }
            }
        }

        return Norm(r);
    }
}
