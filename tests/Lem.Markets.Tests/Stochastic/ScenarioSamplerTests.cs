using Lem.Markets.Stochastic;
using Lem.Testing;

namespace Lem.Markets.Tests.Stochastic;

/// <summary>The forecast-error sampler (docs/mechanisms/stochastic-pool.md#scenario-generation).</summary>
public sealed class ScenarioSamplerTests
{
    private static readonly IReadOnlyList<IReadOnlyList<double>> Forecasts = [new double[] { 10, 20, 30 }, new double[] { 5, 5, 5 }];

    [Fact]
    public void SameSeed_SameSamples_OtherSeed_OtherSamples()
    {
        var a = ScenarioSampler.Sample(Forecasts, [40, double.PositiveInfinity], 0.1, 0.8, 20, 7);
        var b = ScenarioSampler.Sample(Forecasts, [40, double.PositiveInfinity], 0.1, 0.8, 20, 7);
        var c = ScenarioSampler.Sample(Forecasts, [40, double.PositiveInfinity], 0.1, 0.8, 20, 8);

        Assert.Equal(Flat(a), Flat(b));
        Assert.NotEqual(Flat(a), Flat(c));
    }

    [Fact]
    public void ZeroError_GivesTheForecast()
    {
        var s = ScenarioSampler.Sample(Forecasts, [40, double.PositiveInfinity], 0.0, 0.5, 3, 1);

        var forecast = Forecasts.SelectMany(f => f).ToArray();
        Assert.All(s, sample => Assert.Equal(forecast, sample.SelectMany(row => row).ToArray()));
    }

    [Fact]
    public void Errors_HaveTheGivenSpreadAndLagOneCorrelation()
    {
        // Relative error σ·ε with ε a stationary AR(1): mean 0, standard deviation σ, corr(ε_0, ε_1) = ρ. 20,000 samples
        // put the sampling error of the moments near 0.01·σ and of the correlation near 0.005.
        const double sigma = 0.2, rho = 0.6;
        var s = ScenarioSampler.Sample([new double[] { 100, 100 }], [double.PositiveInfinity], sigma, rho, 20_000, 3);
        var e0 = s.Select(x => (x[0][0] / 100) - 1).ToArray();
        var e1 = s.Select(x => (x[0][1] / 100) - 1).ToArray();

        Approx.Equal(0, e0.Average(), 0.01, what: "mean error");
        Approx.Equal(sigma, Std(e0), 0.01, what: "σ in slot 0");
        Approx.Equal(sigma, Std(e1), 0.01, what: "σ in slot 1");
        var (m0, m1) = (e0.Average(), e1.Average());
        var cov = e0.Zip(e1, (x, y) => (x - m0) * (y - m1)).Average();
        Approx.Equal(rho, cov / (Std(e0) * Std(e1)), 0.03, what: "lag-1 correlation");
    }

    [Fact]
    public void Samples_StayWithinZeroAndTheCap()
    {
        var s = ScenarioSampler.Sample(Forecasts, [22, double.PositiveInfinity], 2.0, 0.0, 500, 11);

        Assert.All(s, x => Assert.All(x[0], v => Assert.InRange(v, 0, 22)));
        Assert.All(s, x => Assert.All(x[1], v => Assert.True(v >= 0)));
        Assert.Contains(s, x => x[0][2] == 22);
        Assert.Contains(s, x => x[1][0] == 0);
    }

    private static double Std(double[] x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Average());
    }

    private static double[] Flat(double[][][] s) => [.. s.SelectMany(x => x.SelectMany(y => y))];
}
