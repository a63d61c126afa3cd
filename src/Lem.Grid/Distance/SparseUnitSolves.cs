using Lem.Grid.Sparse;

namespace Lem.Grid.Distance;

/// <summary>Solves A·x = e_k for the first unit vectors with one sparse LU factorisation of A (KLU), a block of right-hand sides at a time.</summary>
internal static class SparseUnitSolves
{
    private const int Block = 32;

    /// <summary>
    /// Factorises the n×n matrix given by <paramref name="entries"/> (duplicates already summed) and hands the solution
    /// of A·x = e_k to <paramref name="consume"/> for k = 0 … <paramref name="columns"/> − 1.
    /// </summary>
    /// <exception cref="ArgumentException">When the matrix is singular (<paramref name="what"/> names it in the message).</exception>
    /// <exception cref="DllNotFoundException">When KLU is not installed.</exception>
    public static void Solve(int n, Dictionary<(int Row, int Col), double> entries, int columns, Action<int, ReadOnlySpan<double>> consume, string what)
    {
        if (n == 0 || columns == 0)
        {
            return;
        }

        if (!Klu.IsAvailable)
        {
            throw new DllNotFoundException(
                $"The SuiteSparse KLU sparse solver ({Klu.LibraryName}) could not be loaded; the resistance and PTDF distances need it. " +
                $"Install the Debian package {Klu.DebianPackage} (sudo apt-get install -y {Klu.DebianPackage}) or run scripts/setup.sh as root.");
        }

        var ordered = entries.OrderBy(e => e.Key.Col).ThenBy(e => e.Key.Row).ToList();
        var starts = new int[n + 1];
        var rows = new int[ordered.Count];
        var values = new double[ordered.Count];
        for (var p = 0; p < ordered.Count; p++)
        {
            starts[ordered[p].Key.Col + 1]++;
            rows[p] = ordered[p].Key.Row;
            values[p] = ordered[p].Value;
        }

        for (var j = 0; j < n; j++)
        {
            starts[j + 1] += starts[j];
        }

        using var klu = new KluSolver();
        klu.Analyze(n, starts, rows);
        var status = klu.Factor(values);
        if (status != KluStatus.Ok)
        {
            throw new ArgumentException($"The {what} is singular (KLU status {status}); the network's branch impedances leave some buses without a defined distance.");
        }

        var rhs = new double[n * Block];
        for (var first = 0; first < columns; first += Block)
        {
            var count = Math.Min(Block, columns - first);
            var span = rhs.AsSpan(0, n * count);
            span.Clear();
            for (var c = 0; c < count; c++)
            {
                span[(c * n) + first + c] = 1.0;
            }

            klu.Solve(span);
            for (var c = 0; c < count; c++)
            {
                consume(first + c, span.Slice(c * n, n));
            }
        }
    }
}
