using Lem.Markets.Community;
using Lem.Markets.Distributed;
using Lem.Markets.Tests.Distributed;

namespace Lem.Markets.Tests.Community;

public class CommunityWorkedExampleTests
{
    private static readonly AdmmOptions Options = new() { AbsoluteTolerance = 1e-7, RelativeTolerance = 1e-7, Parallel = false };

    [Fact]
    public void Self_sufficient_community_price_is_127_over_6()
    {
        var r = CommunityManager.Run(FourAgents.Create(), new CommunityOutside([25.0], [15.0]), 1, Options);
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Assert.Equal(FourAgents.Price, r.PricesEurPerMwh[0], 1e-4);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(FourAgents.Equilibrium[i], r.Injections[i][0], 1e-3);
        }

        Assert.Equal(0.0, r.Imports[0], 1e-4);
        Assert.Equal(0.0, r.Exports[0], 1e-4);
    }

    [Fact]
    public void Importing_community_pays_the_import_price()
    {
        var r = CommunityManager.Run(FourAgents.Create(), new CommunityOutside([20.0], [15.0]), 1, Options);
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Assert.Equal(20.0, r.PricesEurPerMwh[0], 1e-4);
        double[] expected = [10, 4, -10, -7.5];
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], r.Injections[i][0], 1e-3);
        }

        Assert.Equal(3.5, r.Imports[0], 1e-3);
        Assert.InRange(r.PricesEurPerMwh[0], 15.0 - 1e-4, 20.0 + 1e-4);
    }
}
