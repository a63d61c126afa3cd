using Lem.Grid.Topology;

namespace Lem.Grid.Distance;

/// <summary>
/// R = Re(Z_bus) of the series network (docs/network-charges.md): the complex bus admittance matrix built from the
/// branch series admittances y = 1/(r + jx) only (no charging, no shunts, nominal ratio), reduced by the reference bus,
/// solved column by column as the real system [G −B; B G]·[R; X] = [I; 0]. Branches with r = x = 0 join their ends
/// (the limit of a vanishing impedance), so such buses are at distance 0.
/// </summary>
internal sealed class SeriesResistance
{
    private readonly int[] _groupOf;
    private readonly int _groups;
    private readonly double[] _r;

    private SeriesResistance(int[] groupOf, int groups, int referenceBus, double[] r)
    {
        _groupOf = groupOf;
        _groups = groups;
        ReferenceBus = referenceBus;
        _r = r;
    }

    /// <summary>The solver index of the reference bus.</summary>
    public int ReferenceBus { get; }

    /// <summary>The number of solver buses.</summary>
    public int BusCount => _groupOf.Length;

    /// <summary>R_ab for solver buses a and b (0 when either is joined to the reference).</summary>
    public double At(int a, int b) => _r[(_groupOf[a] * _groups) + _groupOf[b]];

    /// <summary>Builds and solves the reduced series network of a connected solver network.</summary>
    public static SeriesResistance Compute(NetworkIndex index)
    {
        var n = index.BusCount;
        var sets = new DisjointSets(n);

        for (var k = 0; k < index.BranchCount; k++)
        {
            if (index.RPu[k] == 0 && index.XPu[k] == 0)
            {
                sets.Union(index.FromIndex[k], index.ToIndex[k]);
            }
        }

        var groupOfRoot = new Dictionary<int, int>();
        var groupOf = new int[n];
        for (var i = 0; i < n; i++)
        {
            var root = sets.Find(i);
            if (!groupOfRoot.TryGetValue(root, out var g))
            {
                g = groupOfRoot.Count;
                groupOfRoot[root] = g;
            }

            groupOf[i] = g;
        }

        var groups = groupOfRoot.Count;
        var referenceBus = ElectricalDistance.Reference(index);
        var referenceGroup = groupOf[referenceBus];

        // Reduced position of every group (the reference group is dropped).
        var reduced = new int[groups];
        var m = 0;
        for (var g = 0; g < groups; g++)
        {
            reduced[g] = g == referenceGroup ? -1 : m++;
        }

        var entries = new Dictionary<(int Row, int Col), double>();
        void Add(int row, int col, double value)
        {
            entries[(row, col)] = entries.TryGetValue((row, col), out var v) ? v + value : value;
        }

        void AddY(int i, int j, double g, double b)
        {
            if (i < 0 || j < 0)
            {
                return;
            }

            Add(i, j, g);
            Add(i, m + j, -b);
            Add(m + i, j, b);
            Add(m + i, m + j, g);
        }

        for (var k = 0; k < index.BranchCount; k++)
        {
            int f = reduced[groupOf[index.FromIndex[k]]], t = reduced[groupOf[index.ToIndex[k]]];
            if (groupOf[index.FromIndex[k]] == groupOf[index.ToIndex[k]])
            {
                continue;
            }

            double r = index.RPu[k], x = index.XPu[k];
            var z2 = (r * r) + (x * x);
            double g = r / z2, b = -x / z2;
            AddY(f, f, g, b);
            AddY(t, t, g, b);
            AddY(f, t, -g, -b);
            AddY(t, f, -g, -b);
        }

        var rReduced = new double[m * m];
        SparseUnitSolves.Solve(2 * m, entries, m, (k, x) => x[..m].CopyTo(rReduced.AsSpan(k * m, m)), "series bus admittance matrix");

        var rGroups = new double[groups * groups];
        for (var a = 0; a < groups; a++)
        {
            for (var b = 0; b < groups; b++)
            {
                if (reduced[a] >= 0 && reduced[b] >= 0)
                {
                    // Column k of Z holds Z_·k; Z is symmetric, so average out the rounding of the two solves.
                    rGroups[(a * groups) + b] = 0.5 * (rReduced[(reduced[b] * m) + reduced[a]] + rReduced[(reduced[a] * m) + reduced[b]]);
                }
            }
        }

        return new SeriesResistance(groupOf, groups, referenceBus, rGroups);
    }

    /// <summary>The resistance distances d_ab = R_aa + R_bb − 2R_ab between all solver buses, row-major.</summary>
    public double[] Distances()
    {
        var n = BusCount;
        var d = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                var v = _groupOf[a] == _groupOf[b] ? 0.0 : Math.Max(0.0, At(a, a) + At(b, b) - (2 * At(a, b)));
                d[(a * n) + b] = v;
                d[(b * n) + a] = v;
            }
        }

        return d;
    }

    /// <summary>The public view addressed by the user's bus ids.</summary>
    public ReducedResistanceMatrix ToMatrix(NetworkIndex index)
    {
        var n = BusCount;
        var r = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                r[(a * n) + b] = At(a, b);
            }
        }

        return new ReducedResistanceMatrix(index, ReferenceBus, r);
    }
}
