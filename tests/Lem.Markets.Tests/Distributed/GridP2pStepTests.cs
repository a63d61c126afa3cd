using Lem.Markets.Distributed;
using Lem.Markets.Distributed.Grid;
using Lem.Markets.PeerToPeer;

namespace Lem.Markets.Tests.Distributed;

/// <summary>
/// The P2P local step with the grid's bus term (docs/mechanisms/admm.md#p2p-with-the-grid-agent), checked by hand on a
/// quadratic agent: with y = Σ_k p_k + s, min ½a·y² + b·y + Σ_k ρ/2(p_k − τ_k)² + ρ/2(y − v)² has, for fixed y,
/// p_k = τ_k + (y − s − S)/K (S = Σ_k τ_k), so y* = (ρ/K·(S + s) + ρ·v − b)/(a + ρ/K + ρ).
/// </summary>
public sealed class GridP2pStepTests
{
    // f(y) = y² − 50y (a = 2, b = −50); two partners proposing p_mn = (−1, 3) at pair prices (40, 60); ρ = 2.
    // Pair targets τ_k = ½(0 − p_mk) + λ_k/ρ = (20.5, 28.5), S = 49. Bus: x̄ = 1, π = 10 → v = 0 − 1 + 10/2 = 4.
    private static P2pSignal Signal(IReadOnlyList<double>? supplyKw) =>
        new(1, 2.0, ["m1", "m2"], [-1.0, 3.0], [40.0, 60.0]) { Bus = new BusSignal([1.0], [10.0], supplyKw) };

    [Fact]
    public void BusTerm_MovesTheNetInjectionToTheHandCalculatedOptimum()
    {
        var agent = LocalAgent.Quadratic("n", 2.0, -50.0, -100.0, 100.0);
        var trades = Assert.IsType<P2pProposal>(agent.Respond(Signal(null))).Trades;

        // y* = (1·49 + 2·4 + 50)/(2 + 1 + 2) = 21.4; p = τ + (21.4 − 49)/2 = (6.7, 14.7).
        Assert.Equal(6.7, trades[0], 1e-9);
        Assert.Equal(14.7, trades[1], 1e-9);

        // Without the bus term the same step gives y = (49 + 50)/(2 + 1) = 33: the term is what moved it.
        var plain = LocalAgent.Quadratic("n", 2.0, -50.0, -100.0, 100.0);
        var without = Assert.IsType<P2pProposal>(plain.Respond(new P2pSignal(1, 2.0, ["m1", "m2"], [-1.0, 3.0], [40.0, 60.0]))).Trades;
        Assert.Equal(33.0, without[0] + without[1], 1e-9);
    }

    [Fact]
    public void Supply_IsPartOfTheNetInjectionButNotOfTheTrades()
    {
        // The outside market's case: it also supplies s = 5 to the grid. y* = (1·(49 + 5) + 8 + 50)/5 = 22.4, so the
        // trades sum to 17.4: p = τ + (17.4 − 49)/2 = (4.7, 12.7).
        var agent = LocalAgent.Quadratic("outside", 2.0, -50.0, -100.0, 100.0);
        var trades = Assert.IsType<P2pProposal>(agent.Respond(Signal([5.0]))).Trades;
        Assert.Equal(4.7, trades[0], 1e-9);
        Assert.Equal(12.7, trades[1], 1e-9);

        // Its reported cost is f at the whole injection y = 22.4 (EUR for MW over one hour): 22.4² − 50·22.4.
        var cost = Assert.IsType<CostReport>(agent.Respond(new CostRequest())).CostEur;
        Assert.Equal((22.4 * 22.4) - (50 * 22.4), cost, 1e-6);
    }
}
