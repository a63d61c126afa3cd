using Lem.Markets.Distributed;
using Lem.Markets.PeerToPeer;

namespace Lem.Markets.Tests.PeerToPeer;

/// <summary>
/// Purchase premiums in the P2P market (docs/mechanisms/admm.md#preferences). Hand calculation: sellers L (local) and
/// F (far), each ½P² + 10P on [0, 20] MW; buyer B with ½d² − 30d, d ∈ [0, 20], who pays π = 4 EUR/MWh more for energy
/// from L. B buys t_L, t_F: min ½t_L² + 10t_L + ½t_F² + 10t_F + ½(t_L + t_F)² − 30(t_L + t_F) − 4t_L gives
/// 2t_L + t_F = 24 and t_L + 2t_F = 20, so t_L = 28/3, t_F = 16/3; the pair prices are the sellers' marginal costs
/// λ_BL = 10 + 28/3 = 58/3 and λ_BF = 10 + 16/3 = 46/3, which differ by π; B's marginal utility 30 − 44/3 = 46/3 equals
/// λ_BF and λ_BL − π. Without the premium t_L = t_F = 20/3 at 50/3.
/// </summary>
public sealed class P2pPreferenceTests
{
    private static readonly CommunicationGraph BuyerWithTwoSellers = CommunicationGraph.FromPairs(3, [(0, 2), (1, 2)]);

    private static readonly AdmmOptions Tight = new() { AbsoluteTolerance = 1e-7, RelativeTolerance = 0, Parallel = false };

    private static IReadOnlyList<IAgent> Agents(double premium) =>
    [
        LocalAgent.Quadratic("L", 1, 10, 0, 20),
        LocalAgent.Quadratic("F", 1, 10, 0, 20),
        LocalAgent.Quadratic("B", 1, 30, -20, 0, premiums: premium > 0 ? new Dictionary<string, double> { ["L"] = premium } : null),
    ];

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void A_local_premium_shifts_the_purchase_to_the_local_seller_and_its_pair_price_up_by_the_premium(double rho)
    {
        var r = PeerToPeerAdmm.Run(Agents(4.0), BuyerWithTwoSellers, 1, Tight with { Rho = rho });
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Assert.Equal(28.0 / 3.0, r.TradeOf(0, 2)[0], 1e-3);
        Assert.Equal(16.0 / 3.0, r.TradeOf(1, 2)[0], 1e-3);
        Assert.Equal(-28.0 / 3.0, r.TradeOf(2, 0)[0], 1e-3);
        Assert.Equal(58.0 / 3.0, r.PriceOf(0, 2)![0], 1e-3);
        Assert.Equal(46.0 / 3.0, r.PriceOf(1, 2)![0], 1e-3);
        Assert.Equal(4.0, r.PriceOf(2, 0)![0] - r.PriceOf(2, 1)![0], 1e-3);
        Assert.Equal(-44.0 / 3.0, r.Injections[2][0], 1e-3);
    }

    [Fact]
    public void Without_the_premium_both_sellers_share_the_purchase_at_one_price()
    {
        var r = PeerToPeerAdmm.Run(Agents(0.0), BuyerWithTwoSellers, 1, Tight);
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Assert.Equal(20.0 / 3.0, r.TradeOf(0, 2)[0], 1e-3);
        Assert.Equal(20.0 / 3.0, r.TradeOf(1, 2)[0], 1e-3);
        Assert.Equal(50.0 / 3.0, r.PriceOf(0, 2)![0], 1e-3);
        Assert.Equal(50.0 / 3.0, r.PriceOf(1, 2)![0], 1e-3);
    }

    [Fact]
    public void A_negative_or_non_finite_premium_is_refused()
    {
        Assert.Throws<ArgumentException>(() => LocalAgent.Quadratic("B", 1, 30, -20, 0, premiums: new Dictionary<string, double> { ["L"] = -1 }));
        Assert.Throws<ArgumentException>(() => LocalAgent.Quadratic("B", 1, 30, -20, 0, premiums: new Dictionary<string, double> { ["L"] = double.NaN }));
    }
}
