using Lem.Markets.Distributed;
using Lem.Markets.PeerToPeer;
using Lem.Markets.Tests.Distributed;

namespace Lem.Markets.Tests.PeerToPeer;

public class P2pWorkedExampleTests
{
    private static readonly CommunicationGraph ProducersToConsumers = CommunicationGraph.FromPairs(4, [(0, 2), (0, 3), (1, 2), (1, 3)]);

    private static IReadOnlyList<IAgent> Agents() => FourAgents.Create(new Dictionary<string, IReadOnlyDictionary<string, double>>
    {
        ["3"] = new Dictionary<string, double> { ["2"] = 2.0 },
        ["4"] = new Dictionary<string, double> { ["1"] = 1.0 },
    });

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void Reproduces_trades_prices_and_cost(double rho)
    {
        var options = new AdmmOptions { Rho = rho, AbsoluteTolerance = 1e-6, RelativeTolerance = 0, Parallel = false };
        var r = PeerToPeerAdmm.Run(Agents(), ProducersToConsumers, 1, options);
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Assert.Equal(9.1667, r.TradeOf(0, 2)[0], 1e-3);
        Assert.Equal(1.6667, r.TradeOf(0, 3)[0], 1e-3);
        Assert.Equal(0.0, r.TradeOf(1, 2)[0], 1e-3);
        Assert.Equal(4.9167, r.TradeOf(1, 3)[0], 1e-3);
        Assert.Equal(-9.1667, r.TradeOf(2, 0)[0], 1e-3);
        Assert.Equal(20.833, r.PriceOf(0, 2)![0], 1e-3);
        Assert.Equal(20.833, r.PriceOf(0, 3)![0], 1e-3);
        Assert.Equal(21.833, r.PriceOf(1, 3)![0], 1e-3);
        Assert.Equal(r.PriceOf(1, 3)![0], r.PriceOf(3, 1)![0]);
        Assert.Equal(-168.208, r.TotalCostEur!.Value, 1e-3);
        Assert.True(r.ReciprocityError < 1e-4);
        Assert.All(r.Trades, t => Assert.Contains(t.SellerId, new[] { "1", "2" }));
    }

    [Fact]
    public void Without_preferences_every_active_price_is_the_pool_price()
    {
        var options = new AdmmOptions { AbsoluteTolerance = 1e-7, RelativeTolerance = 0, Parallel = false };
        var r = PeerToPeerAdmm.Run(FourAgents.Create(), CommunicationGraph.Complete(4), 1, options);
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(FourAgents.Equilibrium[i], r.Injections[i][0], 1e-3);
        }

        Assert.All(r.Trades.Where(t => t.Quantity > 1e-3), t => Assert.Equal(FourAgents.Price, t.PriceEurPerMwh, 1e-3));
    }
}
