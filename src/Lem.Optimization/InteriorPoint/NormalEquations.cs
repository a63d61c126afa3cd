namespace Lem.Optimization.InteriorPoint;

/// <summary>
/// The normal equations M = A·diag(w)·Aᵀ + δI of an interior point method, factored as a band plus a dense border:
/// rows that touch many others (an energy budget over a window, say) are ordered last as a dense block, the rest in
/// reverse Cuthill–McKee order as a band, and M = [B C; Cᵀ D] is solved through the banded Cholesky factor of B and
/// the dense Cholesky factor of the Schur complement D − CᵀB⁻¹C. The pattern, ordering and scatter map are computed
/// once; every factorisation is then O(m·b² + m·b·k + k³) for bandwidth b and k dense rows.
/// </summary>
internal sealed class NormalEquations
{
    private const double TinyPivot = 1e-14;
    private const double HugePivot = 1e64;
    private readonly int _m;
    private readonly int _sparse;
    private readonly int _dense;
    private readonly int _band; // bandwidth b: L[i,k] is stored for i − b ≤ k ≤ i
    private readonly int[] _position; // row → position within its block
    private readonly bool[] _isDense;
    private readonly int[] _termColumn;
    private readonly int[] _termTarget;
    private readonly double[] _termProduct;
    private readonly int[] _diagonalTarget;
    private readonly double[] _values; // band | C (sparse × dense, row-major) | D (dense × dense)
    private readonly int _cOffset;
    private readonly int _dOffset;
    private readonly double[] _z1;
    private readonly double[] _z2;
    private readonly double[] _ordered;

    public NormalEquations(int rows, int[] columnStart, int[] rowIndex, double[] value)
    {
        _m = rows;
        var columns = columnStart.Length - 1;
        var adjacency = new List<int>[rows];
        var seen = new HashSet<long>();
        for (var i = 0; i < rows; i++)
        {
            adjacency[i] = [];
        }

        for (var j = 0; j < columns; j++)
        {
            for (var p = columnStart[j]; p < columnStart[j + 1]; p++)
            {
                for (var q = columnStart[j]; q < p; q++)
                {
                    int a = rowIndex[p], b = rowIndex[q];
                    if (a != b && seen.Add(((long)Math.Min(a, b) << 32) | (uint)Math.Max(a, b)))
                    {
                        adjacency[a].Add(b);
                        adjacency[b].Add(a);
                    }
                }
            }
        }

        var degrees = adjacency.Select(a => a.Count).OrderBy(d => d).ToArray();
        var median = rows > 0 ? degrees[rows / 2] : 0;
        var threshold = Math.Max(24, 4 * median);
        _isDense = [.. adjacency.Select(a => a.Count > threshold)];
        var sparseRows = _isDense.Select(d => !d).ToArray();
        _position = ReverseCuthillMcKee.Order(adjacency, sparseRows);
        var denseCount = 0;
        for (var i = 0; i < rows; i++)
        {
            if (_isDense[i])
            {
                _position[i] = denseCount++;
            }
        }

        _dense = denseCount;
        _sparse = rows - denseCount;
        var band = 0;
        for (var i = 0; i < rows; i++)
        {
            if (!_isDense[i])
            {
                foreach (var k in adjacency[i])
                {
                    if (!_isDense[k])
                    {
                        band = Math.Max(band, Math.Abs(_position[i] - _position[k]));
                    }
                }
            }
        }

        _band = band;
        _cOffset = _sparse * (_band + 1);
        _dOffset = _cOffset + (_sparse * _dense);
        _values = new double[_dOffset + (_dense * _dense)];
        _diagonalTarget = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            _diagonalTarget[i] = Target(i, i);
        }

        var columnsOfTerm = new List<int>();
        var targets = new List<int>();
        var products = new List<double>();
        for (var j = 0; j < columns; j++)
        {
            for (var p = columnStart[j]; p < columnStart[j + 1]; p++)
            {
                for (var q = columnStart[j]; q <= p; q++)
                {
                    int a = rowIndex[p], b = rowIndex[q];
                    var product = value[p] * value[q];
                    if (a == b)
                    {
                        Add(j, Target(a, a), product);
                    }
                    else if (_isDense[a] && _isDense[b])
                    {
                        Add(j, Target(a, b), product);
                        Add(j, Target(b, a), product);
                    }
                    else
                    {
                        Add(j, Target(a, b), product);
                    }
                }
            }
        }

        _termColumn = [.. columnsOfTerm];
        _termTarget = [.. targets];
        _termProduct = [.. products];
        _z1 = new double[_sparse];
        _z2 = new double[_dense];
        _ordered = new double[rows];

        void Add(int column, int target, double product)
        {
            columnsOfTerm.Add(column);
            targets.Add(target);
            products.Add(product);
        }
    }

    /// <summary>The bandwidth of the sparse block.</summary>
    public int Bandwidth => _band;

    /// <summary>The number of rows ordered into the dense border.</summary>
    public int DenseRows => _dense;

    /// <summary>Assembles and factors A·diag(w)·Aᵀ + δI.</summary>
    public void Factor(ReadOnlySpan<double> w, double delta)
    {
        var v = _values;
        Array.Clear(v);
        for (var t = 0; t < _termTarget.Length; t++)
        {
            v[_termTarget[t]] += w[_termColumn[t]] * _termProduct[t];
        }

        for (var i = 0; i < _m; i++)
        {
            v[_diagonalTarget[i]] += delta;
        }

        FactorBand();
        var b1 = _band + 1;

        // Y = L⁻¹C, column by column, in place.
        for (var d = 0; d < _dense; d++)
        {
            for (var i = 0; i < _sparse; i++)
            {
                var s = v[_cOffset + (i * _dense) + d];
                var row = i * b1;
                for (var p = Math.Max(0, i - _band); p < i; p++)
                {
                    s -= v[row + p - i + _band] * v[_cOffset + (p * _dense) + d];
                }

                v[_cOffset + (i * _dense) + d] = s / v[row + _band];
            }
        }

        // S = D − YᵀY, then its dense Cholesky factor in place (lower triangle).
        for (var a = 0; a < _dense; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var s = v[_dOffset + (a * _dense) + b];
                for (var i = 0; i < _sparse; i++)
                {
                    s -= v[_cOffset + (i * _dense) + a] * v[_cOffset + (i * _dense) + b];
                }

                for (var p = 0; p < b; p++)
                {
                    s -= v[_dOffset + (a * _dense) + p] * v[_dOffset + (b * _dense) + p];
                }

                if (a == b)
                {
                    var scale = Math.Max(1.0, Math.Abs(v[_dOffset + (a * _dense) + a]));
                    v[_dOffset + (a * _dense) + a] = s > TinyPivot * scale ? Math.Sqrt(s) : HugePivot;
                }
                else
                {
                    v[_dOffset + (a * _dense) + b] = s / v[_dOffset + (b * _dense) + b];
                }
            }
        }
    }

    /// <summary>Solves M·y = r with the last factorisation (r and y may be the same span).</summary>
    public void Solve(ReadOnlySpan<double> r, Span<double> y)
    {
        var v = _values;
        var b1 = _band + 1;
        var z1 = _z1;
        var z2 = _z2;
        for (var i = 0; i < _m; i++)
        {
            if (_isDense[i])
            {
                z2[_position[i]] = r[i];
            }
            else
            {
                z1[_position[i]] = r[i];
            }
        }

        // L z1 = r1
        for (var i = 0; i < _sparse; i++)
        {
            var s = z1[i];
            var row = i * b1;
            for (var p = Math.Max(0, i - _band); p < i; p++)
            {
                s -= v[row + p - i + _band] * z1[p];
            }

            z1[i] = s / v[row + _band];
        }

        // Ls z2 = r2 − Yᵀ z1, then Lsᵀ y2 = z2
        for (var a = 0; a < _dense; a++)
        {
            var s = z2[a];
            for (var i = 0; i < _sparse; i++)
            {
                s -= v[_cOffset + (i * _dense) + a] * z1[i];
            }

            for (var p = 0; p < a; p++)
            {
                s -= v[_dOffset + (a * _dense) + p] * z2[p];
            }

            z2[a] = s / v[_dOffset + (a * _dense) + a];
        }

        for (var a = _dense - 1; a >= 0; a--)
        {
            var s = z2[a];
            for (var p = a + 1; p < _dense; p++)
            {
                s -= v[_dOffset + (p * _dense) + a] * z2[p];
            }

            z2[a] = s / v[_dOffset + (a * _dense) + a];
        }

        // Lᵀ y1 = z1 − Y y2
        for (var i = 0; i < _sparse; i++)
        {
            var s = 0.0;
            for (var d = 0; d < _dense; d++)
            {
                s += v[_cOffset + (i * _dense) + d] * z2[d];
            }

            z1[i] -= s;
        }

        for (var i = _sparse - 1; i >= 0; i--)
        {
            var s = z1[i];
            for (var k = i + 1; k <= Math.Min(_sparse - 1, i + _band); k++)
            {
                s -= v[(k * b1) + i - k + _band] * z1[k];
            }

            z1[i] = s / v[(i * b1) + _band];
        }

        for (var i = 0; i < _m; i++)
        {
            _ordered[i] = _isDense[i] ? z2[_position[i]] : z1[_position[i]];
        }

        _ordered.CopyTo(y);
    }

    private void FactorBand()
    {
        var v = _values;
        var b1 = _band + 1;
        for (var i = 0; i < _sparse; i++)
        {
            var row = i * b1;
            var first = Math.Max(0, i - _band);
            for (var k = first; k <= i; k++)
            {
                var s = v[row + k - i + _band];
                var rowK = k * b1;
                for (var p = Math.Max(first, k - _band); p < k; p++)
                {
                    s -= v[row + p - i + _band] * v[rowK + p - k + _band];
                }

                if (k == i)
                {
                    var scale = Math.Max(1.0, Math.Abs(v[row + _band]));
                    v[row + _band] = s > TinyPivot * scale ? Math.Sqrt(s) : HugePivot;
                }
                else
                {
                    v[row + k - i + _band] = s / v[rowK + _band];
                }
            }
        }
    }

    /// <summary>Where entry (a, b) of M lives: the lower band for two sparse rows, C for a sparse and a dense row, D for two dense rows.</summary>
    private int Target(int a, int b)
    {
        if (!_isDense[a] && !_isDense[b])
        {
            int pa = _position[a], pb = _position[b];
            var (i, k) = pa >= pb ? (pa, pb) : (pb, pa);
            return (i * (_band + 1)) + k - i + _band;
        }

        if (_isDense[a] && _isDense[b])
        {
            return _dOffset + (_position[a] * _dense) + _position[b];
        }

        var (sparse, dense) = _isDense[a] ? (b, a) : (a, b);
        return _cOffset + (_position[sparse] * _dense) + _position[dense];
    }
}
