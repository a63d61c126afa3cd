using Lem.Settlement.Allocation;
using Lem.Testing;

namespace Lem.Settlement.Tests.Allocation;

/// <summary>The worked example of docs/allocation.md#worked-example-three-players-by-hand: the table of Shapley, nucleolus and Nash, stages, bounds.</summary>
public sealed class WorkedExampleTests
{
    private static void AssertVector(double[] expected, IReadOnlyList<double> actual, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Approx.Equal(expected[i], actual[i], tol, what: $"{what}[{i}]");
        }
    }

    [Fact]
    public void ShapleyExact_MatchesTable()
    {
        var r = ShapleyValue.Exact(Section11Game.Create());

        AssertVector([230.0 / 3, 200.0 / 3, 110.0 / 3], r.AllocationsEur, 1e-12, "x");
        AssertVector([70.0 / 3, 40.0 / 3, 70.0 / 3], r.SavingsEur, 1e-12, "savings");
        Approx.Equal(180, r.GrandCoalitionCostEur);
        AssertVector([100, 80, 60], r.StandaloneCostsEur, 0, "d");
        Approx.Equal(0.9474, FairnessIndex.Jain(r.SavingsEur), 5e-5, what: "Jain");
        Approx.Equal(0.1111, FairnessIndex.Gini(r.SavingsEur), 5e-5, what: "Gini");
        Assert.True(CoreCheck.Check(CoalitionTable.Evaluate(Section11Game.Create()), r.AllocationsEur).InCore);
    }

    [Fact]
    public void Nucleolus_MatchesTableAndStages()
    {
        var r = Nucleolus.Compute(Section11Game.Create());

        AssertVector([75, 70, 35], r.AllocationsEur, 1e-6, "x");
        Approx.Equal(0.8889, FairnessIndex.Jain(r.SavingsEur), 5e-5, what: "Jain");
        Approx.Equal(0.1667, FairnessIndex.Gini(r.SavingsEur), 5e-5, what: "Gini");
        Assert.True(CoreCheck.Check(CoalitionTable.Evaluate(Section11Game.Create()), r.AllocationsEur).InCore);

        Assert.Equal(3, r.NucleolusStages.Count);
        string[][][] coalitions = [[["2"], ["1", "3"]], [["1", "2"], ["2", "3"]], [["1"], ["3"]]];
        double[] t = [10, 15, 25];
        for (var k = 0; k < 3; k++)
        {
            Approx.Equal(t[k], r.NucleolusStages[k].ExcessEur, 1e-6, what: $"t at stage {k + 1}");
            Assert.Equal(coalitions[k].Length, r.NucleolusStages[k].Coalitions.Count);
            for (var c = 0; c < coalitions[k].Length; c++)
            {
                Assert.Equal(coalitions[k][c], r.NucleolusStages[k].Coalitions[c]);
            }
        }
    }

    [Fact]
    public void NashEqualWeights_MatchesTable()
    {
        var game = Section11Game.Create();
        var closed = NashBargaining.ClosedForm(game);
        var core = NashBargaining.WithCore(CoalitionTable.Evaluate(game));

        foreach (var r in new[] { closed, core })
        {
            AssertVector([80, 60, 40], r.AllocationsEur, 1e-9, r.Method);
            Assert.Equal(1.0, FairnessIndex.Jain(r.SavingsEur), 12);
            Assert.Equal(0.0, FairnessIndex.Gini(r.SavingsEur), 12);
        }

        var check = CoreCheck.Check(CoalitionTable.Evaluate(game), closed.AllocationsEur);
        Assert.True(check.InCore);
        Assert.Equal(["1", "3"], check.WorstCoalition); // x1 + x3 = 120 = C(13): on the core's boundary
        Approx.Equal(0, check.MaxViolationEur, 1e-9);
    }

    [Fact]
    public void NashWeighted_SplitsSavingsByWeight()
    {
        var r = NashBargaining.ClosedForm(Section11Game.Create(), [1, 2, 3]);

        // Surplus 240 − 180 = 60 split 10/20/30.
        AssertVector([90, 60, 30], r.AllocationsEur, 1e-12, "x");
    }

    [Fact]
    public void CoreCheck_TightCoalition_InCoreAndNamed()
    {
        // x(12) = 160 = C(12); every other coalition pays less than alone.
        var check = CoreCheck.Check(CoalitionTable.Evaluate(Section11Game.Create()), [90, 70, 20]);

        Assert.True(check.InCore);
        Assert.Equal(["1", "2"], check.WorstCoalition);
        Approx.Equal(0, check.MaxViolationEur, 1e-12);
    }

    [Fact]
    public void CoreCheck_Overcharged_ReportsViolation()
    {
        var check = CoreCheck.Check(CoalitionTable.Evaluate(Section11Game.Create()), [105, 50, 25]);

        // x1 = 105 > C(1) = 100 and, worse, x1 + x3 = 130 > C(13) = 120.
        Assert.False(check.InCore);
        Assert.Equal(["1", "3"], check.WorstCoalition);
        Approx.Equal(10, check.MaxViolationEur, 1e-12);
        Approx.Equal(0, check.EfficiencyGapEur, 1e-12);
    }

    [Fact]
    public void MarginalRanges_AndHoeffdingSamples_MatchSection11()
    {
        var ranges = HoeffdingBound.MarginalRangesEur(CoalitionTable.Evaluate(Section11Game.Create()));

        Assert.Equal([40.0, 20.0, 40.0], ranges);
        Assert.Equal(2952, HoeffdingBound.SamplesPerPlayer(40, 1, 0.05));
        Assert.Equal(3830, HoeffdingBound.SamplesForAllPlayers(ranges, 1, 0.05));
        Approx.Equal(1.0, HoeffdingBound.HalfWidthEur(40, 2952, 0.05), 1e-3);
    }

    [Fact]
    public void MonteCarlo_WithinHoeffdingBound_AndEfficient()
    {
        var game = Section11Game.Create();
        var exact = ShapleyValue.Exact(game).AllocationsEur;
        var ranges = HoeffdingBound.MarginalRangesEur(CoalitionTable.Evaluate(game));
        var samples = (int)HoeffdingBound.SamplesForAllPlayers(ranges, 1, 0.05);

        var r = ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = samples, Seed = 1 });

        Assert.True(r.Permutations >= samples);
        Approx.Equal(180, r.TotalEur, 1e-9, what: "Σ φ̂");
        for (var i = 0; i < 3; i++)
        {
            // A bound that fails with probability 1e-6 for all players together, so the test does not depend on the seed.
            var eps = HoeffdingBound.HalfWidthEur(ranges.Max(), r.Permutations!.Value, 1e-6, 3);
            Assert.True(Math.Abs(r.AllocationsEur[i] - exact[i]) <= eps, $"player {i + 1}: {r.AllocationsEur[i]} vs {exact[i]} ± {eps}");
            Assert.True(r.Ci95Eur![i] > 0 && r.Ci95Eur[i] < HoeffdingBound.HalfWidthEur(ranges[i], r.Permutations.Value, 0.05), "the CLT interval is tighter than Hoeffding's");
        }
    }
}
