namespace Lem.Grid.Distance;

/// <summary>
/// The PTDF distance of docs/network-charges.md: d_nm = Σ_ℓ |PTDF_ℓn − PTDF_ℓm|, the branch flows caused by 1 p.u.
/// injected at n and withdrawn at m. The PTDF is the DC model's (§2; MATPOWER <c>makeBdc</c>/<c>makePTDF</c>, as
/// <see cref="Formulations.DcFormulation"/> writes the flows): b_ℓ = 1/(x_ℓ·τ_ℓ), B_bus = Aᵀ·diag(b)·A reduced by the
/// reference bus, PTDF = diag(b)·A·B̃⁻¹ with a zero column at the reference.
/// </summary>
internal static class PtdfDistances
{
    /// <summary>All pairwise PTDF distances of a connected solver network, row-major.</summary>
    public static double[] Compute(NetworkIndex index)
    {
        var ptdf = Ptdf(index, out var branches);
        var n = index.BusCount;
        var d = new double[n * n];
        var count = branches;
        const int Tile = 16;
        var tiles = (n + Tile - 1) / Tile;

        // Rows are taken a tile at a time so that each streamed row b is compared with the whole tile while it is in cache.
        // Each pair is summed by one worker in branch order, so the result does not depend on the number of workers.
        Parallel.For(0, tiles, tile =>
        {
            var first = tile * Tile;
            var last = Math.Min(n, first + Tile);
            for (var b = first + 1; b < n; b++)
            {
                var pb = new ReadOnlySpan<double>(ptdf, b * count, count);
                for (var a = first; a < last && a < b; a++)
                {
                    var v = SumAbsDifference(new ReadOnlySpan<double>(ptdf, a * count, count), pb);
                    d[(a * n) + b] = v;
                    d[(b * n) + a] = v;
                }
            }
        });

        return d;
    }

    /// <summary>The PTDF, stored by bus: entry [k·L + ℓ] is the flow on branch ℓ (from end) per unit injected at bus k and withdrawn at the reference.</summary>
    internal static double[] Ptdf(NetworkIndex index, out int branches)
    {
        var n = index.BusCount;
        branches = index.BranchCount;
        var reference = ElectricalDistance.Reference(index);
        var reduced = new int[n];
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            reduced[i] = i == reference ? -1 : m++;
        }

        var susceptance = new double[branches];
        var entries = new Dictionary<(int Row, int Col), double>();
        void Add(int row, int col, double value)
        {
            if (row >= 0 && col >= 0)
            {
                entries[(row, col)] = entries.TryGetValue((row, col), out var v) ? v + value : value;
            }
        }

        for (var k = 0; k < branches; k++)
        {
            var tap = index.TapRatio[k] == 0 ? 1.0 : index.TapRatio[k];
            var b = 1.0 / (index.XPu[k] * tap);
            susceptance[k] = b;
            int f = reduced[index.FromIndex[k]], t = reduced[index.ToIndex[k]];
            if (index.FromIndex[k] == index.ToIndex[k])
            {
                continue;
            }

            Add(f, f, b);
            Add(t, t, b);
            Add(f, t, -b);
            Add(t, f, -b);
        }

        var ptdf = new double[n * branches];
        var busOfReduced = Enumerable.Range(0, n).Where(i => reduced[i] >= 0).ToArray();
        var from = index.FromIndex;
        var to = index.ToIndex;
        var count = branches;
        SparseUnitSolves.Solve(m, entries, m, (column, theta) =>
        {
            var row = ptdf.AsSpan(busOfReduced[column] * count, count);
            for (var k = 0; k < count; k++)
            {
                var tf = reduced[from[k]] >= 0 ? theta[reduced[from[k]]] : 0.0;
                var tt = reduced[to[k]] >= 0 ? theta[reduced[to[k]]] : 0.0;
                row[k] = susceptance[k] * (tf - tt);
            }
        }, "DC susceptance matrix");
        return ptdf;
    }

    /// <summary>Σ|a_i − b_i| in index order (no vectorisation, so the result is the same on every machine).</summary>
    private static double SumAbsDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return sum;
    }
}
