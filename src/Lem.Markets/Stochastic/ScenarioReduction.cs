namespace Lem.Markets.Stochastic;

/// <summary>
/// Scenario reduction by fast forward selection (Heitsch &amp; Römisch 2003; docs/mechanisms/stochastic-pool.md#scenario-reduction):
/// greedily keep the scenario whose addition lowers the Kantorovich distance to the original distribution most, then
/// give each dropped scenario's probability to its nearest kept one. Distances are Euclidean over every series and slot.
/// </summary>
public static class ScenarioReduction
{
    /// <summary>Keeps <paramref name="keep"/> of the scenarios <paramref name="points"/> (ties: the lowest index).</summary>
    /// <param name="points">The scenarios as vectors of equal length.</param>
    /// <param name="probabilities">Their probabilities.</param>
    /// <param name="keep">How many to keep, 1 ≤ keep ≤ the number of scenarios.</param>
    public static ReducedScenarios FastForward(IReadOnlyList<double[]> points, IReadOnlyList<double> probabilities, int keep)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(probabilities);
        var n = points.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keep, n);
        var c = Distances(points);

        // c[k][u] is updated to min(c[k][u], c[k][last selected]) after each step (the distance of k to the kept set when u joins it).
        var selected = new List<int>(keep);
        var dropped = new SortedSet<int>(Enumerable.Range(0, n));
        while (selected.Count < keep)
        {
            var best = -1;
            var bestZ = double.PositiveInfinity;
            foreach (var u in dropped)
            {
                var z = 0.0;
                foreach (var k in dropped)
                {
                    if (k != u)
                    {
                        z += probabilities[k] * c[k][u];
                    }
                }

                if (z < bestZ)
                {
                    bestZ = z;
                    best = u;
                }
            }

            selected.Add(best);
            dropped.Remove(best);
            foreach (var k in dropped)
            {
                foreach (var u in dropped)
                {
                    c[k][u] = Math.Min(c[k][u], c[k][best]);
                }
            }
        }

        return Redistribute(points, probabilities, selected);
    }

    /// <summary>
    /// The reduced distribution on a given kept set: each dropped scenario's probability goes to its nearest kept one
    /// (ties: the one kept first), with the Kantorovich distance of the reduction.
    /// </summary>
    public static ReducedScenarios Redistribute(IReadOnlyList<double[]> points, IReadOnlyList<double> probabilities, IReadOnlyList<int> kept)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(kept);
        var p = kept.Select(k => probabilities[k]).ToArray();
        var keptSet = kept.ToHashSet();
        var distance = 0.0;
        for (var j = 0; j < points.Count; j++)
        {
            if (keptSet.Contains(j))
            {
                continue;
            }

            var nearest = 0;
            var d = double.PositiveInfinity;
            for (var i = 0; i < kept.Count; i++)
            {
                var dij = Distance(points[j], points[kept[i]]);
                if (dij < d)
                {
                    d = dij;
                    nearest = i;
                }
            }

            p[nearest] += probabilities[j];
            distance += probabilities[j] * d;
        }

        return new ReducedScenarios([.. kept], p, distance);
    }

    /// <summary>The Euclidean distance of two scenarios.</summary>
    public static double Distance(double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    private static double[][] Distances(IReadOnlyList<double[]> points)
    {
        var n = points.Count;
        var c = new double[n][];
        for (var i = 0; i < n; i++)
        {
            c[i] = new double[n];
            for (var j = 0; j < n; j++)
            {
                c[i][j] = i == j ? 0 : Distance(points[i], points[j]);
            }
        }

        return c;
    }
}
