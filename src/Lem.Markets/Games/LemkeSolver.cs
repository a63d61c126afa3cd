namespace Lem.Markets.Games;

/// <summary>
/// Lemke's complementary pivoting algorithm (Lemke 1965) for the linear complementarity problem
/// w = M·z + q, z ≥ 0, w ≥ 0, zᵀw = 0, with the covering vector of ones and lexicographic ratio tests against
/// cycling on degenerate problems (docs/games.md#solution-methods). Dense tableau: O(n²) per pivot.
/// </summary>
public static class LemkeSolver
{
    private const double PivotTolerance = 1e-12;

    /// <summary>Solves the LCP.</summary>
    /// <exception cref="ArgumentException">When the sizes do not match.</exception>
    public static LcpResult Solve(double[,] m, double[] q, int maxPivots = 100_000)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(q);
        var n = q.Length;
        if (m.GetLength(0) != n || m.GetLength(1) != n)
        {
            throw new ArgumentException("M must be square with one row per entry of q.", nameof(m));
        }

        if (q.All(v => v >= 0))
        {
            return new LcpResult(LcpStatus.Solved, new double[n], [.. q], 0, null);
        }

        // Columns: w (0..n−1), z (n..2n−1), z0 (2n), right-hand side (2n+1); rows: I·w − M·z − 1·z0 = q.
        var width = (2 * n) + 2;
        var rhs = 2 * n + 1;
        var artificial = 2 * n;
        var t = new double[n, width];
        var basis = new int[n];
        for (var i = 0; i < n; i++)
        {
            t[i, i] = 1.0;
            for (var j = 0; j < n; j++)
            {
                t[i, n + j] = -m[i, j];
            }

            t[i, artificial] = -1.0;
            t[i, rhs] = q[i];
            basis[i] = i;
        }

        // z0 enters at the most negative q (the smallest index among ties).
        var leavingRow = 0;
        for (var i = 1; i < n; i++)
        {
            if (q[i] < q[leavingRow])
            {
                leavingRow = i;
            }
        }

        Pivot(t, leavingRow, artificial);
        var leaving = basis[leavingRow];
        basis[leavingRow] = artificial;
        var pivots = 1;
        while (true)
        {
            var entering = leaving < n ? leaving + n : leaving - n;
            if (pivots >= maxPivots)
            {
                return Result(LcpStatus.PivotLimit, t, basis, n, m, q, pivots, $"Lemke's algorithm reached its limit of {maxPivots} pivots.");
            }

            var row = RatioTest(t, basis, entering, n);
            if (row < 0)
            {
                var name = entering < n ? $"w[{entering}]" : $"z[{entering - n}]";
                return Result(LcpStatus.RayTermination, t, basis, n, m, q, pivots, $"Lemke's algorithm ended on a secondary ray after {pivots} pivots: {name} could enter without bound (no solution; for this game: its constraints are infeasible).");
            }

            Pivot(t, row, entering);
            leaving = basis[row];
            basis[row] = entering;
            pivots++;
            if (leaving == artificial)
            {
                return Result(LcpStatus.Solved, t, basis, n, m, q, pivots, null);
            }
        }
    }

    /// <summary>The leaving row for an entering column: the minimum ratio, ties broken by z0 first, then lexicographically on the rows of B⁻¹.</summary>
    private static int RatioTest(double[,] t, int[] basis, int entering, int n)
    {
        var rhs = (2 * n) + 1;
        var best = -1;
        for (var i = 0; i < n; i++)
        {
            var a = t[i, entering];
            if (a <= PivotTolerance)
            {
                continue;
            }

            if (best < 0)
            {
                best = i;
                continue;
            }

            var ratio = t[i, rhs] / a;
            var bestRatio = t[best, rhs] / t[best, entering];
            var scale = Math.Max(1.0, Math.Max(Math.Abs(ratio), Math.Abs(bestRatio)));
            if (ratio < bestRatio - (1e-12 * scale))
            {
                best = i;
            }
            else if (ratio <= bestRatio + (1e-12 * scale) && Prefer(t, basis, i, best, entering, n))
            {
                best = i;
            }
        }

        return best;
    }

    private static bool Prefer(double[,] t, int[] basis, int i, int best, int entering, int n)
    {
        var artificial = 2 * n;
        if (basis[best] == artificial)
        {
            return false;
        }

        if (basis[i] == artificial)
        {
            return true;
        }

        for (var k = 0; k < n; k++)
        {
            var a = t[i, k] / t[i, entering];
            var b = t[best, k] / t[best, entering];
            if (Math.Abs(a - b) > 1e-12)
            {
                return a < b;
            }
        }

        return i < best;
    }

    private static void Pivot(double[,] t, int row, int column)
    {
        var width = t.GetLength(1);
        var n = t.GetLength(0);
        var p = t[row, column];
        for (var k = 0; k < width; k++)
        {
            t[row, k] /= p;
        }

        for (var i = 0; i < n; i++)
        {
            var f = t[i, column];
            if (i == row || f == 0)
            {
                continue;
            }

            for (var k = 0; k < width; k++)
            {
                t[i, k] -= f * t[row, k];
            }

            t[i, column] = 0.0;
        }
    }

    private static LcpResult Result(LcpStatus status, double[,] t, int[] basis, int n, double[,] m, double[] q, int pivots, string? message)
    {
        var z = new double[n];
        var rhs = (2 * n) + 1;
        for (var i = 0; i < n; i++)
        {
            if (basis[i] >= n && basis[i] < 2 * n)
            {
                z[basis[i] - n] = Math.Max(0.0, t[i, rhs]);
            }
        }

        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = q[i];
            for (var j = 0; j < n; j++)
            {
                sum += m[i, j] * z[j];
            }

            w[i] = sum;
        }

        return new LcpResult(status, z, w, pivots, message);
    }
}
