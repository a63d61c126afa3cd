using FsCheck;
using FsCheck.Xunit;
using Lem.Domain.Sampling;
using Lem.Markets.Stochastic;
using Lem.Testing;

namespace Lem.Markets.Tests.Stochastic;

/// <summary>Fast forward selection (docs/mechanisms/stochastic-pool.md#scenario-reduction) against hand results and a brute-force optimal selection.</summary>
public sealed class ScenarioReductionTests
{
    [Fact]
    public void FastForward_ThreePointsOnALine_KeepsTheMedianThenTheOutlier()
    {
        // Points 0, 1, 10 with probability 1/3 each. Step 1: z_u = Σ_k p_k·|k − u| is 11/3, 10/3, 19/3: keep 1.
        // Step 2: the distance to the kept set is min(c_ku, c_k1): z_0 = p_10·9 = 3, z_10 = p_0·1 = 1/3: keep 10.
        double[][] points = [[0.0], [1.0], [10.0]];
        double[] p = [1.0 / 3, 1.0 / 3, 1.0 / 3];

        var one = ScenarioReduction.FastForward(points, p, 1);
        Assert.Equal([1], one.Kept);
        Approx.Equal(1.0, one.Probabilities[0], 1e-12);
        Approx.Equal(10.0 / 3, one.Distance, 1e-12);

        var two = ScenarioReduction.FastForward(points, p, 2);
        Assert.Equal([1, 2], two.Kept);
        Approx.Equal(2.0 / 3, two.Probabilities[0], 1e-12, what: "the median with the dropped 0");
        Approx.Equal(1.0 / 3, two.Probabilities[1], 1e-12);
        Approx.Equal(1.0 / 3, two.Distance, 1e-12);
    }

    [Property(MaxTest = 60)]
    public void FastForward_WithOneScenario_IsTheBruteForceOptimum(ulong seed, PositiveInt size)
    {
        var (points, p) = Random(seed, 2 + (size.Get % 7));
        var ffs = ScenarioReduction.FastForward(points, p, 1);
        var best = Enumerable.Range(0, points.Length).Min(u => ScenarioReduction.Redistribute(points, p, [u]).Distance);

        Approx.Equal(best, ffs.Distance, 1e-9, what: "Kantorovich distance");
        Approx.Equal(1.0, ffs.Probabilities.Sum(), 1e-12, what: "probability");
    }

    [Property(MaxTest = 40)]
    public void FastForward_NeverBeatsTheBestSubset_AndKeepsProbabilityOne(ulong seed, PositiveInt size, PositiveInt keep)
    {
        var n = 3 + (size.Get % 5);
        var k = 1 + (keep.Get % n);
        var (points, p) = Random(seed, n);
        var ffs = ScenarioReduction.FastForward(points, p, k);
        var best = Subsets(n, k).Min(s => ScenarioReduction.Redistribute(points, p, s).Distance);

        Assert.Equal(k, ffs.Kept.Distinct().Count());
        Assert.True(ffs.Distance >= best - 1e-9, $"FFS {ffs.Distance} below the optimum {best}");
        Approx.Equal(1.0, ffs.Probabilities.Sum(), 1e-12, what: "probability");
        Assert.All(ffs.Probabilities, x => Assert.True(x > 0));
        if (k == n)
        {
            Approx.Equal(0.0, ffs.Distance, 1e-12, what: "distance when nothing is dropped");
        }
    }

    private static (double[][] Points, double[] Probabilities) Random(ulong seed, int n)
    {
        var r = new SplitMix64(seed);
        var points = Enumerable.Range(0, n).Select(_ => new[] { r.Uniform(-5, 5), r.Uniform(-5, 5), r.Uniform(-5, 5) }).ToArray();
        var w = Enumerable.Range(0, n).Select(_ => r.Uniform(0.1, 1)).ToArray();
        return (points, [.. w.Select(x => x / w.Sum())]);
    }

    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if (int.PopCount(mask) == k)
            {
                yield return [.. Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0)];
            }
        }
    }
}
