using Lem.Settlement.Allocation;
using Lem.Testing;

namespace Lem.Settlement.Tests.Allocation;

/// <summary>Nash bargaining with core constraints (analytic optima), and the documented refusals.</summary>
public sealed class NashAndLimitsTests
{
    private static readonly string[] Three = ["a", "b", "c"];

    private static CoalitionTable Table(double c1, double c2, double c3, double c12, double c13, double c23, double c123) =>
        CoalitionTable.Evaluate(new TabularCostGame(Three, [0, c1, c2, c12, c3, c13, c23, c123]));

    [Fact]
    public void WithCore_ActiveCoalitionConstraint_MatchesKkt()
    {
        // d = 100 each, C(N) = 240: the closed form (80, 80, 80) overcharges {a, b} (160 > C(ab) = 150). With
        // s_a + s_b ≥ 50 active, max ln s_a + ln s_b + ln s_c on s_a + s_b + s_c = 60 gives s = (25, 25, 10).
        var table = Table(100, 100, 100, 150, 200, 200, 240);
        Assert.False(CoreCheck.Check(table, NashBargaining.ClosedForm(table).AllocationsEur).InCore);

        var r = NashBargaining.WithCore(table);

        Assert.Equal("nash-core", r.Method);
        Approx.Equal(75, r.AllocationsEur[0], 1e-6);
        Approx.Equal(75, r.AllocationsEur[1], 1e-6);
        Approx.Equal(90, r.AllocationsEur[2], 1e-6);
        Assert.True(CoreCheck.Check(table, r.AllocationsEur).InCore);
    }

    [Fact]
    public void WithCore_Weighted_MatchesKkt()
    {
        // Same game, weights (1, 3, 1): the {a, b} row is active, s_a : s_b = 1 : 3 within 50, and s_c = 10.
        var r = NashBargaining.WithCore(Table(100, 100, 100, 150, 200, 200, 240), [1, 3, 1]);

        Approx.Equal(87.5, r.AllocationsEur[0], 1e-6);
        Approx.Equal(62.5, r.AllocationsEur[1], 1e-6);
        Approx.Equal(90, r.AllocationsEur[2], 1e-6);
    }

    [Fact]
    public void WithCore_FlatCore_ForcedPlayerLeavesTheProduct()
    {
        // C(ac) + C(b) = C(N): every core allocation has x_b = 80 (saving 0) and x_a + x_c = 160; the product over
        // a and c splits their 40 EUR saving equally.
        var table = Table(100, 80, 100, 180, 160, 180, 240);

        var r = NashBargaining.WithCore(table);

        Approx.Equal(80, r.AllocationsEur[0], 1e-6);
        Approx.Equal(80, r.AllocationsEur[1], 1e-6);
        Approx.Equal(80, r.AllocationsEur[2], 1e-6);
    }

    [Fact]
    public void WithCore_RandomSubmodularGames_NoFeasibleStepImprovesTheProduct()
    {
        // Optimality by its definition: from the answer, no feasible small step (in the core, Σ x fixed) raises
        // Σ ln(d_i − x_i). Games where the closed form already lies in the core are counted separately.
        var barrierCases = 0;
        for (var seed = 0; seed < 30; seed++)
        {
            var n = 3 + (seed % 4);
            var table = CoalitionTable.Evaluate(RandomGames.Game(RandomGames.Submodular(seed, n), n));
            var d = table.StandaloneCostsEur();
            barrierCases += CoreCheck.Check(table, NashBargaining.ClosedForm(table).AllocationsEur).InCore ? 0 : 1;

            var x = NashBargaining.WithCore(table).AllocationsEur.ToArray();
            Assert.True(CoreCheck.Check(table, x).InCore, $"game {seed}");
            double Product(double[] y) => d.Zip(y, (di, yi) => di - yi).Sum(v => v > 0 ? Math.Log(v) : double.NegativeInfinity);
            var best = Product(x);
            var surplus = d.Sum() - table.GrandCoalitionCostEur;
            var rng = new Random(seed);
            for (var trial = 0; trial < 300; trial++)
            {
                var step = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
                var mean = step.Average();
                foreach (var eps in new[] { 1e-4, 1e-3, 1e-2 })
                {
                    var y = x.Zip(step, (xi, si) => xi + (eps * surplus * (si - mean))).ToArray();
                    if (CoreCheck.Check(table, y, 0).MaxViolationEur <= 0)
                    {
                        Assert.True(Product(y) <= best + 1e-9, $"game {seed}: a feasible step of {eps} raises the product by {Product(y) - best}");
                    }
                }
            }
        }

        Assert.True(barrierCases >= 5, $"only {barrierCases} games needed the core constraints");
    }

    [Fact]
    public void WithCore_EmptyCore_Throws()
    {
        // Every pair costs 100, so x(N) ≤ 150 < 180 = C(N).
        var ex = Assert.Throws<AllocationException>(() => NashBargaining.WithCore(Table(100, 100, 100, 100, 100, 100, 180)));

        Assert.Contains("core is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClosedForm_NegativeSurplus_Throws()
    {
        var ex = Assert.Throws<AllocationException>(() => NashBargaining.ClosedForm(Table(10, 10, 10, 20, 20, 20, 31)));

        Assert.Contains("non-negative surplus", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClosedForm_BadWeights_Throw()
    {
        Assert.Throws<ArgumentException>(() => NashBargaining.ClosedForm(Section11Game.Create(), [1, 0, 1]));
        Assert.Throws<ArgumentException>(() => NashBargaining.ClosedForm(Section11Game.Create(), [1, 1]));
    }

    [Fact]
    public void Exact_AboveLimit_RefusesAndSuggestsMonteCarlo()
    {
        var game = RandomGames.Game(RandomGames.Arbitrary(1, 4), 4);

        var shapley = Assert.Throws<AllocationException>(() => ShapleyValue.Exact(game, maxPlayers: 3));
        var nucleolus = Assert.Throws<AllocationException>(() => Nucleolus.Compute(game, maxPlayers: 3));

        Assert.Contains("shapley-mc", shapley.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 3", shapley.Message, StringComparison.Ordinal);
        Assert.Contains("shapley-mc", nucleolus.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MonteCarlo_BadOptions_Throw()
    {
        var game = Section11Game.Create();

        Assert.Throws<ArgumentOutOfRangeException>(() => ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = 100, MaxPermutations = 50 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { TargetCi95Relative = -1 }));
    }

    [Fact]
    public void MonteCarlo_Adaptive_MeetsTarget()
    {
        var r = ShapleyMonteCarlo.Estimate(Section11Game.Create(), new MonteCarloOptions { Permutations = 64, TargetCi95Eur = 0.5, Seed = 7 });

        Assert.True(r.TargetMet);
        Assert.All(r.Ci95Eur!, c => Assert.True(c <= 0.5, $"ci95 {c}"));
        Assert.True(r.Permutations > 64, "the target needs more than the first 64 permutations");
    }

    [Fact]
    public void MonteCarlo_Adaptive_ReportsMissedTargetAtCap()
    {
        var r = ShapleyMonteCarlo.Estimate(Section11Game.Create(), new MonteCarloOptions { Permutations = 64, MaxPermutations = 128, TargetCi95Eur = 0.01 });

        Assert.False(r.TargetMet);
        Assert.Equal(128, r.Permutations);
    }

    [Fact]
    public void TabularGame_Validates()
    {
        Assert.Throws<ArgumentException>(() => new TabularCostGame(Three, [0, 1, 2]));
        Assert.Throws<ArgumentException>(() => new TabularCostGame(Three, [1, 1, 1, 1, 1, 1, 1, 1]));
        Assert.Throws<ArgumentException>(() => TabularCostGame.FromCoalitions(Three, [(["a"], 1)]));
        Assert.Throws<ArgumentException>(() => TabularCostGame.FromCoalitions(["a", "a"], []));
    }
}
