using Lem.Settlement.Allocation;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Settlement.Tests.Allocation;

/// <summary>
/// Coverage of the Monte Carlo Shapley 95 % intervals (docs/allocation.md#confidence-intervals) over 300 seeds on small
/// games with exact values, including skewed ones where a player's marginal cost is large only in rare positions and
/// the normal interval φ̂ ± 1.96·σ̂/√M under-covers.
/// </summary>
public sealed class MonteCarloCoverageTests(ITestOutputHelper output)
{
    private const int Seeds = 300;

    public static TheoryData<string, int> Cases() => new()
    {
        { "arbitrary5", 30 },
        { "arbitrary5", 100 },
        { "fixed8", 30 },
        { "fixed8", 100 },
        { "airport6", 30 },
        { "airport10", 30 },
        { "airport10", 100 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Intervals_HoldTheirCoverage_AndAreNotAbsurdlyWide(string name, int permutations)
    {
        var (costs, n, exact) = Game(name);
        var game = RandomGames.Game(costs, n);
        var sigma = MarginalStdDevs(costs, n, exact);
        var covered = new int[n];
        var coveredNormal = new int[n];
        var sumHalfWidth = new double[n];
        for (var seed = 0; seed < Seeds; seed++)
        {
            var mc = ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = permutations, Seed = (ulong)(1000 + seed) });
            Assert.Equal(ShapleyMonteCarlo.Ci95MethodName, mc.Ci95Method);
            for (var i = 0; i < n; i++)
            {
                var error = Math.Abs(mc.AllocationsEur[i] - exact[i]);
                covered[i] += error <= mc.Ci95Eur![i] + 1e-9 ? 1 : 0;
                coveredNormal[i] += error <= (ShapleyMonteCarlo.Z95 * mc.StandardErrorsEur![i]) + 1e-9 ? 1 : 0;
                sumHalfWidth[i] += mc.Ci95Eur[i];
            }
        }

        var coverage = covered.Sum() / (double)(Seeds * n);
        var normalCoverage = coveredNormal.Sum() / (double)(Seeds * n);
        var widthRatio = Enumerable.Range(0, n).Where(i => sigma[i] > 0).Average(i => sumHalfWidth[i] / Seeds / (ShapleyMonteCarlo.Z95 * sigma[i] / Math.Sqrt(permutations)));
        output.WriteLine($"{name}, M = {permutations}: coverage {coverage:P1} (worst player {covered.Min() / (double)Seeds:P1}), normal interval {normalCoverage:P1}; mean half-width / exact normal {widthRatio:0.00}");
        Assert.True(coverage >= 0.93, $"{name}, M = {permutations}: the 95 % intervals covered {coverage:P1} of (seed, player) pairs (normal interval: {normalCoverage:P1})");
        for (var i = 0; i < n; i++)
        {
            Assert.True(covered[i] >= 0.90 * Seeds, $"{name}, M = {permutations}, player {i}: covered {covered[i]} of {Seeds}");
            if (sigma[i] > 0)
            {
                // Against the normal interval with the exact standard deviation of the marginals: at most 2.5 times as wide.
                var meanHalfWidth = sumHalfWidth[i] / Seeds;
                var normal = ShapleyMonteCarlo.Z95 * sigma[i] / Math.Sqrt(permutations);
                Assert.True(meanHalfWidth <= 2.5 * normal, $"{name}, M = {permutations}, player {i}: mean half-width {meanHalfWidth} vs normal {normal}");
            }
        }
    }

    [Theory]
    [InlineData("fixed8", 30)]
    [InlineData("airport10", 30)]
    public void NormalInterval_UnderCoversTheSkewedGames(string name, int permutations)
    {
        // The reason for the Bernstein term: on these games the plain normal interval (the interval before
        // docs/allocation.md#confidence-intervals) covers clearly less than 95 %.
        var (costs, n, exact) = Game(name);
        var game = RandomGames.Game(costs, n);
        var coveredNormal = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var mc = ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = permutations, Seed = (ulong)(1000 + seed) });
            for (var i = 0; i < n; i++)
            {
                coveredNormal += Math.Abs(mc.AllocationsEur[i] - exact[i]) <= ShapleyMonteCarlo.Z95 * mc.StandardErrorsEur![i] ? 1 : 0;
            }
        }

        Assert.True(coveredNormal < 0.92 * Seeds * n, $"{name}: the normal interval covered {coveredNormal} of {Seeds * n}");
    }

    [Fact]
    public void AnalyticalValues_MatchExactShapley()
    {
        foreach (var name in new[] { "fixed8", "airport6", "airport10" })
        {
            var (costs, n, exact) = Game(name);
            var r = ShapleyValue.Exact(RandomGames.Game(costs, n));
            for (var i = 0; i < n; i++)
            {
                Approx.Equal(exact[i], r.AllocationsEur[i], 1e-9, what: $"{name} φ[{i}]");
            }
        }
    }

    [Fact]
    public void StudentT_MatchesClosedFormsAndTables()
    {
        // ν = 1: tan(π(p − 1/2)); ν = 2: (2p − 1)/√(2p(1 − p)); p = 0.975.
        Approx.Equal(Math.Tan(0.475 * Math.PI), StudentT.Quantile975(1), 1e-8, what: "t(1)");
        Approx.Equal(0.95 / Math.Sqrt(2 * 0.975 * 0.025), StudentT.Quantile975(2), 1e-8, what: "t(2)");

        // Printed tables (Abramowitz and Stegun, table 26.10).
        Approx.Equal(2.228139, StudentT.Quantile975(10), 1e-6, what: "t(10)");
        Approx.Equal(2.042272, StudentT.Quantile975(30), 1e-6, what: "t(30)");
        Approx.Equal(2.021075, StudentT.Quantile975(40), 1e-6, what: "t(40)");
        Approx.Equal(2.000298, StudentT.Quantile975(60), 1e-6, what: "t(60)");
        Approx.Equal(1.979930, StudentT.Quantile975(120), 1e-6, what: "t(120)");
        Approx.Equal(ShapleyMonteCarlo.Z95, StudentT.Quantile975(100_000_000), 1e-7, what: "t(∞) = z");
        Assert.True(StudentT.Quantile975(30) > StudentT.Quantile975(31));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile975(0));
    }

    /// <summary>The cost table, the player count and the exact Shapley value (analytical where there is a closed form).</summary>
    private static (double[] Costs, int N, double[] Exact) Game(string name)
    {
        switch (name)
        {
            case "arbitrary5":
            {
                var costs = RandomGames.Arbitrary(17, 5);
                return (costs, 5, [.. ShapleyValue.Exact(RandomGames.Game(costs, 5)).AllocationsEur]);
            }

            case "fixed8":
            {
                // A connection fee F = 100 paid by whoever comes first, plus own costs a_i = i + 1: φ_i = a_i + F/8.
                const int n = 8;
                var costs = new double[1 << n];
                for (var m = 1; m < costs.Length; m++)
                {
                    costs[m] = 100 + Enumerable.Range(0, n).Where(i => (m & (1 << i)) != 0).Sum(i => i + 1.0);
                }

                return (costs, n, [.. Enumerable.Range(0, n).Select(i => i + 1 + (100.0 / n))]);
            }

            default:
            {
                // Airport games C(S) = max_{i∈S} a_i (Littlechild and Owen 1973): with a sorted ascending,
                // φ_(k) = Σ_{j≤k} (a_(j) − a_(j−1))/(n − j + 1).
                double[] a = name == "airport6" ? [1, 1, 1, 1, 2, 10] : [1, 1, 1, 1, 1, 1, 1, 1, 1, 20];
                var n = a.Length;
                var costs = new double[1 << n];
                for (var m = 1; m < costs.Length; m++)
                {
                    costs[m] = Enumerable.Range(0, n).Where(i => (m & (1 << i)) != 0).Max(i => a[i]);
                }

                var exact = new double[n];
                for (var k = 0; k < n; k++)
                {
                    for (var j = 0; j <= k; j++)
                    {
                        exact[k] += (a[j] - (j == 0 ? 0 : a[j - 1])) / (n - j);
                    }
                }

                return (costs, n, exact);
            }
        }
    }

    /// <summary>The exact standard deviation of each player's marginal cost over a uniformly random permutation.</summary>
    private static double[] MarginalStdDevs(double[] costs, int n, double[] exact)
    {
        var sigma = new double[n];
        var factorial = new double[n + 1];
        factorial[0] = 1;
        for (var k = 1; k <= n; k++)
        {
            factorial[k] = factorial[k - 1] * k;
        }

        for (var i = 0; i < n; i++)
        {
            var variance = 0.0;
            for (var m = 0; m < costs.Length; m++)
            {
                if ((m & (1 << i)) == 0)
                {
                    var size = System.Numerics.BitOperations.PopCount((uint)m);
                    var weight = factorial[size] * factorial[n - size - 1] / factorial[n];
                    var d = costs[m | (1 << i)] - costs[m] - exact[i];
                    variance += weight * d * d;
                }
            }

            sigma[i] = Math.Sqrt(variance);
        }

        return sigma;
    }
}
