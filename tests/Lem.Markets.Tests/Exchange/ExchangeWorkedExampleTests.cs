using Lem.Markets.Distributed;
using Lem.Markets.Exchange;
using Lem.Markets.Tests.Distributed;

namespace Lem.Markets.Tests.Exchange;

public class ExchangeWorkedExampleTests
{
    private static readonly AdmmOptions Section7 = new() { Rho = 1, AbsoluteTolerance = 1e-6, RelativeTolerance = 1e-5, ResidualBalancing = false, Parallel = false };

    [Fact]
    public void First_three_prices_are_exact()
    {
        var prices = new List<double>();
        for (var k = 1; k <= 3; k++)
        {
            var r = ExchangeAdmm.Run(FourAgents.Create(), 1, Section7 with { MaxIterations = k });
            prices.Add(r.PricesEurPerMwh[0]);
            if (k == 1)
            {
                Assert.Equal([0, 0, -15, -35.0 / 3], r.Injections.Select(x => x[0]), (a, b) => Math.Abs(a - b) < 1e-12);
            }
        }

        Assert.Equal(20.0 / 3, prices[0], 12);
        Assert.Equal(12.875, prices[1], 12);
        Assert.Equal(16.5, prices[2], 12);
    }

    [Fact]
    public void Converges_in_21_iterations_to_127_over_6()
    {
        var r = ExchangeAdmm.Run(FourAgents.Create(), 1, Section7);
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Assert.Equal(21, r.Diagnostics.Iterations);
        Assert.Equal(FourAgents.Price, r.PricesEurPerMwh[0], 1e-4);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(FourAgents.Equilibrium[i], r.Injections[i][0], 1e-3);
        }
    }

    [Theory]
    [InlineData(0.5, 39)]
    [InlineData(2.0, 25)]
    public void Other_rho_iteration_counts(double rho, int iterations)
    {
        var r = ExchangeAdmm.Run(FourAgents.Create(), 1, Section7 with { Rho = rho });
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Assert.Equal(iterations, r.Diagnostics.Iterations);
        Assert.Equal(FourAgents.Price, r.PricesEurPerMwh[0], 1e-4);
    }

    [Fact]
    public void Residual_balancing_converges_from_a_poor_rho_and_exports_csv()
    {
        var r = ExchangeAdmm.Run(FourAgents.Create(), 1, Section7 with { Rho = 0.01, ResidualBalancing = true });
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Assert.Equal(FourAgents.Price, r.PricesEurPerMwh[0], 1e-3);
        Assert.Contains(r.Diagnostics.ResidualHistory, h => h.Rho > 0.01);
        var csv = r.Diagnostics.ResidualHistoryCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("iteration,primal_residual,dual_residual,rho,primal_tolerance,dual_tolerance", csv[0]);
        Assert.Equal(r.Diagnostics.Iterations + 1, csv.Length);
        Assert.True(r.Diagnostics.Messages == (2L * 4 * r.Diagnostics.Iterations) + 8);
        Assert.True(r.Diagnostics.Bytes > 0 && r.Diagnostics.WallSeconds >= 0);
    }

    [Fact]
    public void Iteration_cap_is_reported()
    {
        var r = ExchangeAdmm.Run(FourAgents.Create(), 1, Section7 with { MaxIterations = 5 });
        Assert.Equal(ConvergenceStatus.IterationLimit, r.Diagnostics.Status);
        Assert.Equal(5, r.Diagnostics.Iterations);
    }
}
