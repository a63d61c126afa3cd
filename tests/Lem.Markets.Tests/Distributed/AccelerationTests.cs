using Lem.Markets.Community;
using Lem.Markets.Distributed;
using Lem.Markets.Exchange;
using Lem.Markets.PeerToPeer;

namespace Lem.Markets.Tests.Distributed;

/// <summary>
/// Over-relaxation and a starting price (docs/mechanisms/admm.md#acceleration) on the four agents of the worked
/// example: the engines still reach the hand-calculated equilibrium (price 127/6 EUR/MWh, §6 positions).
/// </summary>
public class AccelerationTests
{
    private static readonly AdmmOptions Plain = new() { Rho = 1, AbsoluteTolerance = 1e-6, RelativeTolerance = 1e-5, ResidualBalancing = false, Parallel = false };

    [Theory]
    [InlineData(0.7)]
    [InlineData(1.6)]
    [InlineData(1.9)]
    public void Over_relaxed_exchange_reaches_the_worked_example(double alpha)
    {
        var r = ExchangeAdmm.Run(FourAgents.Create(), 1, Plain with { OverRelaxation = alpha });
        var plain = ExchangeAdmm.Run(FourAgents.Create(), 1, Plain);

        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Assert.Equal(FourAgents.Price, r.PricesEurPerMwh[0], 1e-4);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(FourAgents.Equilibrium[i], r.Injections[i][0], 1e-3);
        }

        Assert.NotEqual(plain.Diagnostics.Iterations, r.Diagnostics.Iterations);
    }

    [Fact]
    public void Over_relaxation_of_one_is_plain_admm_bit_for_bit()
    {
        var plain = ExchangeAdmm.Run(FourAgents.Create(), 1, Plain with { MaxIterations = 7 });
        var relaxed = ExchangeAdmm.Run(FourAgents.Create(), 1, Plain with { MaxIterations = 7, OverRelaxation = 1.0 });
        Assert.Equal(plain.PricesEurPerMwh[0], relaxed.PricesEurPerMwh[0]);

        // The third price of the plain iteration by hand (docs/mechanisms/admm.md#worked-example-four-agents).
        var third = ExchangeAdmm.Run(FourAgents.Create(), 1, Plain with { MaxIterations = 3 });
        Assert.Equal(16.5, third.PricesEurPerMwh[0], 12);
    }

    [Fact]
    public void Exchange_started_at_the_clearing_price_converges_sooner_to_it()
    {
        var cold = ExchangeAdmm.Run(FourAgents.Create(), 1, Plain);
        var warm = ExchangeAdmm.Run(FourAgents.Create(), 1, Plain with { InitialPricesEurPerMwh = [FourAgents.Price] });

        Assert.Equal(ConvergenceStatus.Converged, warm.Diagnostics.Status);
        Assert.Equal(FourAgents.Price, warm.PricesEurPerMwh[0], 1e-4);
        Assert.True(warm.Diagnostics.Iterations < cold.Diagnostics.Iterations, $"{warm.Diagnostics.Iterations} vs {cold.Diagnostics.Iterations}");
    }

    [Fact]
    public void Community_started_at_a_price_and_over_relaxed_keeps_the_outside_price()
    {
        // With imports at 25 EUR/MWh (above the 127/6 of the members alone) and exports at 5, the community clears alone.
        var outside = new CommunityOutside([25.0], [5.0]);
        var r = CommunityManager.Run(FourAgents.Create(), outside, 1, Plain with { OverRelaxation = 1.5, InitialPricesEurPerMwh = [15.0] });

        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Assert.Equal(FourAgents.Price, r.PricesEurPerMwh[0], 1e-3);
        Assert.Equal(0.0, r.Imports[0] + r.Exports[0], 1e-3);
    }

    [Theory]
    [InlineData(1.0, null)]
    [InlineData(1.6, null)]
    [InlineData(1.6, 30.0)]
    public void Over_relaxed_p2p_from_a_starting_price_gives_the_pool_price_on_every_active_pair(double alpha, double? start)
    {
        var options = new AdmmOptions { AbsoluteTolerance = 1e-7, RelativeTolerance = 0, Parallel = false, OverRelaxation = alpha, InitialPricesEurPerMwh = start is { } p ? [p] : null };
        var r = PeerToPeerAdmm.Run(FourAgents.Create(), CommunicationGraph.Complete(4), 1, options);

        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(FourAgents.Equilibrium[i], r.Injections[i][0], 1e-3);
        }

        Assert.All(r.Trades.Where(t => t.Quantity > 1e-3), t => Assert.Equal(FourAgents.Price, t.PriceEurPerMwh, 1e-3));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    [InlineData(double.NaN)]
    public void An_over_relaxation_outside_zero_to_two_is_refused(double alpha)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (Plain with { OverRelaxation = alpha }).Validate());
    }
}
