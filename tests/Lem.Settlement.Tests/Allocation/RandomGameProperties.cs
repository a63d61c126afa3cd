using FsCheck.Xunit;
using Lem.Settlement.Allocation;
using Lem.Testing;

namespace Lem.Settlement.Tests.Allocation;

/// <summary>Axioms and invariants of the allocation methods on random small games.</summary>
public sealed class RandomGameProperties
{
    private static double Tol(double[] costs) => 1e-9 * Math.Max(1, costs.Max(Math.Abs));

    [Property(MaxTest = 60, Arbitrary = [typeof(RandomGames)])]
    public void Shapley_IsEfficient((int Seed, int Players) spec)
    {
        var costs = RandomGames.Arbitrary(spec.Seed, spec.Players);
        var r = ShapleyValue.Exact(RandomGames.Game(costs, spec.Players));

        Approx.Equal(costs[^1], r.AllocationsEur.Sum(), Tol(costs), what: "Σ φ");
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(RandomGames)])]
    public void Shapley_MatchesAveragedPermutations((int Seed, int Players) spec)
    {
        // Independent reference: the average of the marginal costs over all N! orders.
        var n = spec.Players;
        var costs = RandomGames.Arbitrary(spec.Seed, n);
        var expected = new double[n];
        var orders = 0;
        foreach (var order in Permutations(Enumerable.Range(0, n).ToArray(), 0))
        {
            var mask = 0;
            foreach (var i in order)
            {
                expected[i] += costs[mask | (1 << i)] - costs[mask];
                mask |= 1 << i;
            }

            orders++;
        }

        var r = ShapleyValue.Exact(RandomGames.Game(costs, n));
        for (var i = 0; i < n; i++)
        {
            Approx.Equal(expected[i] / orders, r.AllocationsEur[i], Tol(costs), what: $"φ_{i}");
        }
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(RandomGames)])]
    public void SymmetricPlayers_GetEqualShares((int Seed, int Players) spec)
    {
        var costs = RandomGames.SymmetricPair(spec.Seed, spec.Players);
        var game = RandomGames.Game(costs, spec.Players);
        var table = CoalitionTable.Evaluate(game);

        var shapley = ShapleyValue.Exact(table);
        var nucleolus = Nucleolus.Compute(table);
        Approx.Equal(shapley.AllocationsEur[0], shapley.AllocationsEur[1], Tol(costs), what: "Shapley");
        Approx.Equal(nucleolus.AllocationsEur[0], nucleolus.AllocationsEur[1], 1e-6 * Math.Max(1, costs.Max()), what: "nucleolus");
        if (table.StandaloneCostsEur().Sum() >= table.GrandCoalitionCostEur)
        {
            var nash = NashBargaining.ClosedForm(table);
            Approx.Equal(nash.AllocationsEur[0], nash.AllocationsEur[1], Tol(costs), what: "Nash");
        }
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(RandomGames)])]
    public void NullPlayer_GetsZero_ExactAndMonteCarlo((int Seed, int Players) spec)
    {
        var costs = RandomGames.NullLast(spec.Seed, spec.Players);
        var game = RandomGames.Game(costs, spec.Players);

        Assert.Equal(0.0, ShapleyValue.Exact(game).AllocationsEur[^1], 12);
        var mc = ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = 64, Seed = (ulong)spec.Seed });
        Assert.Equal(0.0, mc.AllocationsEur[^1]);
        Assert.Equal(0.0, mc.Ci95Eur![^1]);
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(RandomGames)])]
    public void MonteCarlo_SumIsGrandCoalitionCost((int Seed, int Players) spec)
    {
        var costs = RandomGames.Arbitrary(spec.Seed, spec.Players);
        var r = ShapleyMonteCarlo.Estimate(RandomGames.Game(costs, spec.Players), new MonteCarloOptions { Permutations = 2 + (spec.Seed % 100), Seed = (ulong)spec.Seed });

        Approx.Equal(costs[^1], r.AllocationsEur.Sum(), Tol(costs), what: "Σ φ̂");
        Approx.Equal(costs[^1], r.GrandCoalitionCostEur, 0);
    }

    [Property(MaxTest = 30, Arbitrary = [typeof(RandomGames)])]
    public void SubmodularGame_ShapleyNucleolusAndNashCoreAreInCore((int Seed, int Players) spec)
    {
        var costs = RandomGames.Submodular(spec.Seed, spec.Players);
        var table = CoalitionTable.Evaluate(RandomGames.Game(costs, spec.Players));

        var shapley = ShapleyValue.Exact(table);
        var nucleolus = Nucleolus.Compute(table);
        var nash = NashBargaining.WithCore(table);
        foreach (var r in new[] { shapley, nucleolus, nash })
        {
            var check = CoreCheck.Check(table, r.AllocationsEur, 1e-6 * costs.Max());
            Assert.True(check.InCore, $"{r.Method} violates the core by {check.MaxViolationEur} at {string.Join(",", check.WorstCoalition)}");
        }

        // Nash-in-core maximises the Nash product over the core: no other core point (Shapley, nucleolus) does better.
        double Product(AllocationResult r) => r.SavingsEur.Sum(s => Math.Log(Math.Max(s, 1e-300)));
        Assert.True(Product(nash) >= Product(shapley) - 1e-7, $"Nash product {Product(nash)} < Shapley's {Product(shapley)}");
        Assert.True(Product(nash) >= Product(nucleolus) - 1e-7, $"Nash product {Product(nash)} < nucleolus's {Product(nucleolus)}");
    }

    [Property(MaxTest = 30, Arbitrary = [typeof(RandomGames)])]
    public void TwoPlayers_AllMethodsSplitTheSavingEqually((int Seed, int Players) spec)
    {
        var rng = new Random(spec.Seed);
        double d1 = rng.Next(50, 150), d2 = rng.Next(50, 150);
        var c12 = d1 + d2 - rng.Next(0, 50);
        var table = CoalitionTable.Evaluate(RandomGames.Game([0, d1, d2, c12], 2));
        var half = (d1 + d2 - c12) / 2;

        foreach (var r in new[] { ShapleyValue.Exact(table), Nucleolus.Compute(table), NashBargaining.ClosedForm(table), NashBargaining.WithCore(table) })
        {
            Approx.Equal(d1 - half, r.AllocationsEur[0], 1e-6, what: $"{r.Method} x1");
            Approx.Equal(d2 - half, r.AllocationsEur[1], 1e-6, what: $"{r.Method} x2");
        }
    }

    [Fact]
    public void MonteCarlo_IntervalsCoverTheExactValue()
    {
        // Over many (game, player) pairs a 95 % interval must cover the exact value about 95 % of the time; each
        // single estimate must lie within the interval widened to 1 − 1e-6 confidence (z = 4.89).
        var covered = 0;
        var total = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var n = 2 + (seed % 5);
            var game = RandomGames.Game(RandomGames.Arbitrary(seed, n), n);
            var exact = ShapleyValue.Exact(game).AllocationsEur;
            var mc = ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = 400, Seed = (ulong)(seed + 1) });
            for (var i = 0; i < n; i++)
            {
                var error = Math.Abs(mc.AllocationsEur[i] - exact[i]);
                Assert.True(error <= mc.Ci95Eur![i] * 4.89 / ShapleyMonteCarlo.Z95 + 1e-9, $"game {seed}, player {i}: error {error} vs ci95 {mc.Ci95Eur[i]}");
                covered += error <= mc.Ci95Eur[i] ? 1 : 0;
                total++;
            }
        }

        Assert.True(covered >= 0.88 * total, $"the 95 % intervals covered {covered} of {total}");
    }

    private static IEnumerable<int[]> Permutations(int[] items, int k)
    {
        if (k == items.Length)
        {
            yield return (int[])items.Clone();
            yield break;
        }

        for (var i = k; i < items.Length; i++)
        {
            (items[k], items[i]) = (items[i], items[k]);
            foreach (var p in Permutations(items, k + 1))
            {
                yield return p;
            }

            (items[k], items[i]) = (items[i], items[k]);
        }
    }
}
