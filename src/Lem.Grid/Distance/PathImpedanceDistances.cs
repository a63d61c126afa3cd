namespace Lem.Grid.Distance;

/// <summary>The path impedance of docs/network-charges.md: d_nm = Σ r_ℓ (or |z_ℓ|) over the unique path of a tree.</summary>
internal static class PathImpedanceDistances
{
    /// <summary>All pairwise path sums of a connected radial network, row-major over the solver buses.</summary>
    public static double[] Compute(NetworkIndex index, bool useImpedanceMagnitude)
    {
        var n = index.BusCount;
        var incident = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            incident[i] = [];
        }

        var weight = new double[index.BranchCount];
        for (var k = 0; k < index.BranchCount; k++)
        {
            if (index.FromIndex[k] == index.ToIndex[k])
            {
                continue; // both ends merged by a closed bus-bus switch: not part of any path
            }

            incident[index.FromIndex[k]].Add(k);
            incident[index.ToIndex[k]].Add(k);
            weight[k] = useImpedanceMagnitude ? Math.Sqrt((index.RPu[k] * index.RPu[k]) + (index.XPu[k] * index.XPu[k])) : index.RPu[k];
        }

        var distances = new double[n * n];
        var stack = new Stack<int>(n);
        var cameBy = new int[n];
        for (var source = 0; source < n; source++)
        {
            var row = distances.AsSpan(source * n, n);
            cameBy[source] = -1;
            stack.Push(source);
            while (stack.Count > 0)
            {
                var bus = stack.Pop();
                foreach (var k in incident[bus])
                {
                    if (k == cameBy[bus])
                    {
                        continue;
                    }

                    var other = index.FromIndex[k] == bus ? index.ToIndex[k] : index.FromIndex[k];
                    row[other] = row[bus] + weight[k];
                    cameBy[other] = k;
                    stack.Push(other);
                }
            }
        }

        return distances;
    }
}
