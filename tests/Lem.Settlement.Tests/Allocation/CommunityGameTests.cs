using Lem.Domain.Participants;
using Lem.Pipeline;
using Lem.Settlement.Allocation;
using Lem.Testing;

namespace Lem.Settlement.Tests.Allocation;

/// <summary>
/// The pool game against the closed-form separable game (two independent formulations of the same coalition cost),
/// and the exact and Monte Carlo methods on them.
/// </summary>
public sealed class CommunityGameTests
{
    private static (int Compared, int Infeasible) AssertGamesAgree(Lem.Pipeline.Scenario scenario)
    {
        int compared = 0, infeasible = 0;
        var pool = new PoolCoalitionGame(scenario);
        var fast = new SeparableCommunityGame(scenario);
        Assert.Equal(pool.Players, fast.Players);
        var n = pool.PlayerCount;
        for (var mask = 1UL; mask < 1UL << n; mask++)
        {
            var coalition = Coalition.FromMask(n, mask);
            double? poolCost = null, fastCost = null;
            string? poolError = null, fastError = null;
            try
            {
                poolCost = pool.CostEur(coalition);
            }
            catch (CoalitionEvaluationException ex)
            {
                poolError = ex.Message;
            }

            try
            {
                fastCost = fast.CostEur(coalition);
            }
            catch (CoalitionEvaluationException ex)
            {
                fastError = ex.Message;
            }

            Assert.True((poolError is null) == (fastError is null), $"{scenario.Name} {coalition.Describe(pool.Players)}: pool '{poolError ?? poolCost.ToString()}' vs closed form '{fastError ?? fastCost.ToString()}'");
            if (poolCost is { } p)
            {
                Approx.Equal(p, fastCost!.Value, 1e-5, 1e-9, what: $"{scenario.Name} C{coalition.Describe(pool.Players)}");
                compared++;
            }
            else
            {
                Assert.Contains(coalition.Describe(pool.Players).Trim('{', '}'), poolError!, StringComparison.Ordinal);
                Assert.Contains(coalition.Describe(pool.Players).Trim('{', '}'), fastError!, StringComparison.Ordinal);
                infeasible++;
            }
        }

        return (compared, infeasible);
    }

    [Fact]
    public void SeparableGame_EqualsPoolGame_OnRandomCommunities()
    {
        int compared = 0, infeasible = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var (c, i) = AssertGamesAgree(CommunityScenarios.Random(seed));
            compared += c;
            infeasible += i;
        }

        // The instances exercise both outcomes: coalitions that clear and coalitions the import limit cannot supply.
        Assert.True(compared > 200, $"{compared} coalition costs compared");
        Assert.True(infeasible > 0, "no infeasible coalition among the random instances");
    }

    [Fact]
    public void SeparableGame_EqualsPoolGame_OnTinyLoadsAndPv()
    {
        var (compared, infeasible) = AssertGamesAgree(CommunityScenarios.TinyLoadsAndPv());

        Assert.Equal(15, compared);
        Assert.Equal(0, infeasible);
    }

    [Fact]
    public void SeparableWalk_AgreesWithDirectEvaluation()
    {
        var game = new SeparableCommunityGame(CommunityScenarios.SyntheticLoadsAndPv(12));
        var walk = game.StartWalk();
        var rng = new Random(3);
        var members = new HashSet<int>();
        for (var step = 0; step < 200; step++)
        {
            var i = rng.Next(game.PlayerCount);
            var cost = members.Add(i) ? walk.Add(i) : Remove(walk, members, i);
            Approx.Equal(game.CostEur(Coalition.Of(game.PlayerCount, members)), cost, 1e-9, 1e-12, what: $"step {step}");
        }

        static double Remove(ICoalitionWalk walk, HashSet<int> members, int i)
        {
            members.Remove(i);
            return walk.Remove(i);
        }
    }

    [Fact]
    public void PoolGame_Tiny_ExactShapleyIsEfficientAndCoversAllPlayers()
    {
        var scenario = CommunityScenarios.Tiny();
        var game = new PoolCoalitionGame(scenario);

        var r = ShapleyValue.Exact(game);

        Assert.Equal(["anna", "ben", "clara", "dora"], r.Players);
        Approx.Equal(r.GrandCoalitionCostEur, r.AllocationsEur.Sum(), 1e-6, what: "Σ φ");
        Assert.Equal(15, game.ClearingsSolved); // 2^4 − 1 non-empty coalitions, each solved once
        Assert.True(r.SavingsEur.Sum() >= -1e-6, "the community is not worse off than its members alone");
    }

    [Fact]
    public void PoolGame_InfeasibleCoalition_NamesIt()
    {
        var s = CommunityScenarios.Random(5);
        var market = s.OutsideMarket with { ImportLimit = Lem.Domain.Units.Power.FromKw(0.01), ExportLimit = null };
        var scenario = s with { OutsideMarket = market };
        var pool = new PoolCoalitionGame(scenario);

        var ex = Assert.Throws<CoalitionEvaluationException>(() => ShapleyValue.Exact(pool));

        Assert.NotEmpty(ex.Members);
        Assert.Contains("{" + string.Join(", ", ex.Members) + "}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("infeasible", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeparableGame_RefusesBatteriesAndOrders()
    {
        var tiny = CommunityScenarios.Tiny();

        var why = SeparableCommunityGame.Unsupported(tiny);

        Assert.NotNull(why);
        Assert.Contains("anna", why, StringComparison.Ordinal); // her order comes first
        Assert.Throws<ArgumentException>(() => new SeparableCommunityGame(tiny));
        Assert.Null(SeparableCommunityGame.Unsupported(CommunityScenarios.TinyLoadsAndPv()));
    }

    [Fact]
    public void Players_LeaveOutParticipantsWithoutAssetsOrOrders()
    {
        var s = CommunityScenarios.TinyLoadsAndPv();
        var operatorOnly = new Participant(new ParticipantId("op"), null, ParticipantRole.MarketOperator, null, [], [], []);
        var scenario = s with { Participants = [.. s.Participants, operatorOnly] };

        Assert.DoesNotContain("op", new SeparableCommunityGame(scenario).Players);
        Assert.DoesNotContain("op", new PoolCoalitionGame(scenario).Players);
    }

    [Fact]
    public void TableAndMonteCarlo_DoNotDependOnThreadCount()
    {
        var game = new SeparableCommunityGame(CommunityScenarios.SyntheticLoadsAndPv(11));

        var one = CoalitionTable.Evaluate(game, maxDegreeOfParallelism: 1);
        var four = CoalitionTable.Evaluate(game, maxDegreeOfParallelism: 4);
        for (var mask = 0UL; mask < (ulong)one.CoalitionCount; mask++)
        {
            Assert.Equal(one[mask], four[mask]);
        }

        var mc1 = ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = 300, Seed = 9, MaxDegreeOfParallelism = 1 });
        var mc4 = ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = 300, Seed = 9, MaxDegreeOfParallelism = 4 });
        Assert.Equal(mc1.AllocationsEur, mc4.AllocationsEur);
        Assert.Equal(mc1.Ci95Eur, mc4.Ci95Eur);
        var other = ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = 300, Seed = 10 });
        Assert.NotEqual(mc1.AllocationsEur, other.AllocationsEur);
    }

    [Fact]
    public void PoolGame_ParallelTable_EqualsSequentialTable()
    {
        var scenario = CommunityScenarios.Tiny();

        var sequential = CoalitionTable.Evaluate(new PoolCoalitionGame(scenario), maxDegreeOfParallelism: 1);
        var parallel = CoalitionTable.Evaluate(new PoolCoalitionGame(scenario), maxDegreeOfParallelism: 4);

        for (var mask = 0UL; mask < 16; mask++)
        {
            Assert.Equal(sequential[mask], parallel[mask]);
        }

        Assert.Equal(15, sequential.Evaluations);
    }

    [Fact]
    public void MonteCarlo_OnSeparableGame_WithinHoeffdingBoundOfExact()
    {
        var game = new SeparableCommunityGame(CommunityScenarios.SyntheticLoadsAndPv(10));
        var table = CoalitionTable.Evaluate(game);
        var exact = ShapleyValue.Exact(table);
        var ranges = HoeffdingBound.MarginalRangesEur(table);

        var mc = ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = 2000, Seed = 4 });

        Approx.Equal(exact.GrandCoalitionCostEur, mc.AllocationsEur.Sum(), 1e-9, 1e-12, what: "Σ φ̂");
        for (var i = 0; i < game.PlayerCount; i++)
        {
            var eps = HoeffdingBound.HalfWidthEur(ranges[i], mc.Permutations!.Value, 1e-6, game.PlayerCount);
            Assert.True(Math.Abs(mc.AllocationsEur[i] - exact.AllocationsEur[i]) <= eps, $"player {i}: {mc.AllocationsEur[i]} vs {exact.AllocationsEur[i]} ± {eps}");
        }
    }
}
