using Lem.Markets.Continuous;
using Xunit.Abstractions;

namespace Lem.Markets.Tests.Continuous;

/// <summary>
/// Issue 17's acceptance: ZI-C traders on Lem's order book in a Gode–Sunder market reach a mean allocative efficiency
/// of at least 95 % over ≥ 20 seeded runs, and unconstrained ZI traders fall below it (docs/agents.md#the-gode-sunder-experiment).
/// </summary>
public sealed class GodeSunderTests(ITestOutputHelper output)
{
    private const int Runs = 50;

    [Fact]
    public void SymmetricMarket_MaximumSurplus_IsTheCompetitiveEquilibriums()
    {
        // Values 200…90 and costs 50…160: the k-th pair trades while 210 − 10k ≥ 40 + 10k, i.e. k ≤ 8;
        // surplus Σ_{k=1..8} (170 − 20k) = 1360 − 720 = 640.
        var market = GodeSunderMarket.Symmetric();
        Assert.Equal(8, market.EfficientTrades);
        Assert.Equal(640.0, market.MaximumSurplusEur, 9);
    }

    [Fact]
    public void ZiC_ReachesAtLeast95Percent_AndZi_FallsBelowIt()
    {
        var market = GodeSunderMarket.Symmetric();
        var zic = market.Experiment(constrained: true, Runs);
        var zi = market.Experiment(constrained: false, Runs);
        output.WriteLine($"ZI-C over {Runs} runs: mean {zic.MeanEfficiency:P2}, min {zic.MinEfficiency:P2}, max {zic.MaxEfficiency:P2}, trades {zic.MeanTrades:F2}");
        output.WriteLine($"ZI   over {Runs} runs: mean {zi.MeanEfficiency:P2}, min {zi.MinEfficiency:P2}, max {zi.MaxEfficiency:P2}, trades {zi.MeanTrades:F2}");
        Assert.True(zic.MeanEfficiency >= 0.95, $"ZI-C mean efficiency {zic.MeanEfficiency:P2} < 95 %");
        Assert.True(zi.MeanEfficiency < zic.MeanEfficiency, $"ZI {zi.MeanEfficiency:P2} is not below ZI-C {zic.MeanEfficiency:P2}");
        Assert.True(zi.MeanEfficiency < 0.95, $"ZI mean efficiency {zi.MeanEfficiency:P2} is not below 95 %");
    }

    [Fact]
    public void ZiC_NeverTradesAtALoss_SoEveryRunHasNonNegativeSurplusAtMostTheMaximum()
    {
        // A ZI-C trade pairs a buyer and a seller with bid ≥ ask, bid ≤ value and ask ≥ cost, so value − cost ≥ 0:
        // the realised surplus can only grow, and it can never exceed the competitive equilibrium's.
        var market = GodeSunderMarket.Symmetric();
        foreach (var run in market.Experiment(constrained: true, 20).Runs)
        {
            Assert.InRange(run.SurplusEur, 0, market.MaximumSurplusEur + 1e-9);
            Assert.InRange(run.MeanPriceEurPerMwh, market.FloorEurPerMwh, market.CapEurPerMwh);
        }
    }

    [Fact]
    public void OneBuyerOneSeller_Trade_TheirWholeSurplus()
    {
        // With one buyer (value 100) and one seller (cost 20), ZI-C orders are bid ∈ [0, 100] and ask ∈ [20, 150]; they
        // trade as soon as a bid meets a resting ask, and the surplus is 80 whatever the price.
        var market = new GodeSunderMarket([100], [20], 0, 150);
        var run = market.Run(constrained: true, seed: 7, rounds: 10_000);
        Assert.Equal(1, run.Trades);
        Assert.Equal(1.0, run.Efficiency, 12);
        Assert.InRange(run.MeanPriceEurPerMwh, 20, 100);
    }

    [Fact]
    public void SameSeed_SameRun()
    {
        var market = GodeSunderMarket.Symmetric();
        Assert.Equal(market.Run(false, 42), market.Run(false, 42));
    }
}
