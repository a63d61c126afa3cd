using Lem.Domain.Series;
using Lem.Simulation.Forecasts;

namespace Lem.Simulation.Tests.Days;

/// <summary>The forecasters: perfect, persistence (yesterday), noisy (seeded Gaussian relative error).</summary>
public sealed class ForecasterTests
{
    private static IForecaster Make(string name, double level = 0.1, ulong seed = 1)
    {
        Assert.True(Forecasters.TryCreate(name, new ForecastSettings(level, seed), out var f));
        return f;
    }

    [Fact]
    public void PerfectReturnsTheActualSeries()
    {
        var actual = new SlotSeries([1.0, 2.5, 0.0]);
        Assert.Equal(actual.Values, Make("perfect").Forecast(new ForecastRequest(actual, new SlotSeries([9.0, 9, 9]), "k", 3, ForecastStage.DayAhead)).Values);
    }

    [Fact]
    public void PersistenceIsYesterdayAndPerfectOnTheFirstDay()
    {
        var actual = new SlotSeries([1.0, 2.5, 0.0]);
        var yesterday = new SlotSeries([0.5, 0.7, 0.9]);
        var f = Make("persistence");
        Assert.Equal(yesterday.Values, f.Forecast(new ForecastRequest(actual, yesterday, "k", 1, ForecastStage.DayAhead)).Values);
        Assert.Equal(actual.Values, f.Forecast(new ForecastRequest(actual, null, "k", 0, ForecastStage.DayAhead)).Values);

        // A daylight-saving day has another number of slots: nothing to repeat.
        Assert.Equal(actual.Values, f.Forecast(new ForecastRequest(actual, new SlotSeries([1.0, 2.0]), "k", 1, ForecastStage.DayAhead)).Values);
    }

    [Theory]
    [InlineData(0.1, ForecastStage.DayAhead, 0.1)]
    [InlineData(0.2, ForecastStage.DayAhead, 0.2)]
    [InlineData(0.2, ForecastStage.Intraday, 0.1)]
    public void NoisyRelativeErrorHasMeanZeroAndTheLevelAsStandardDeviation(double level, ForecastStage stage, double expectedSigma)
    {
        // 96 slots × 200 days × 5 series of a constant 2 kW: 96,000 relative errors (no cut at zero within 5σ).
        var f = Make("noisy", level, 42);
        var errors = new List<double>();
        foreach (var key in new[] { "h01/load/demand_kw", "h02/load/demand_kw", "h03/pv/available_kw", "h04/hp/thermal_demand_kw", "x" })
        {
            for (var day = 0; day < 200; day++)
            {
                var forecast = f.Forecast(new ForecastRequest(SlotSeries.Constant(2.0, 96), null, key, day, stage));
                errors.AddRange(forecast.Values.Select(v => (v - 2.0) / 2.0));
            }
        }

        var n = errors.Count;
        var mean = errors.Average();
        var sd = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / (n - 1));

        // The mean's standard error is σ/√n; 5 of them is a bound a correct generator fails once in ~3.5 million runs.
        Assert.True(Math.Abs(mean) < 5 * expectedSigma / Math.Sqrt(n), $"mean relative error {mean}");

        // The sample standard deviation's standard error is about σ/√(2n).
        Assert.True(Math.Abs(sd - expectedSigma) < 5 * expectedSigma / Math.Sqrt(2.0 * n), $"standard deviation {sd}, expected {expectedSigma}");
    }

    [Fact]
    public void NoisyIsNeverNegativeAndKeepsZeros()
    {
        var actual = new SlotSeries(Enumerable.Range(0, 960).Select(t => t % 3 == 0 ? 0.0 : 0.5));
        var forecast = Make("noisy", 0.9, 3).Forecast(new ForecastRequest(actual, null, "pv", 0, ForecastStage.DayAhead));
        Assert.All(forecast.Values, v => Assert.True(v >= 0));
        for (var t = 0; t < actual.Count; t += 3)
        {
            Assert.Equal(0.0, forecast[t]);
        }
    }

    [Fact]
    public void NoisyIsDeterministicPerSeedSeriesDayAndStage()
    {
        var actual = SlotSeries.Constant(1.0, 96);
        ForecastRequest R(string key, int day, ForecastStage stage) => new(actual, null, key, day, stage);
        var a = Make("noisy", 0.1, 5);
        var b = Make("noisy", 0.1, 5);
        Assert.Equal(a.Forecast(R("h01", 2, ForecastStage.DayAhead)).Values, b.Forecast(R("h01", 2, ForecastStage.DayAhead)).Values);
        Assert.NotEqual(a.Forecast(R("h01", 2, ForecastStage.DayAhead)).Values, a.Forecast(R("h02", 2, ForecastStage.DayAhead)).Values);
        Assert.NotEqual(a.Forecast(R("h01", 2, ForecastStage.DayAhead)).Values, a.Forecast(R("h01", 3, ForecastStage.DayAhead)).Values);
        Assert.NotEqual(a.Forecast(R("h01", 2, ForecastStage.DayAhead)).Values, a.Forecast(R("h01", 2, ForecastStage.Intraday)).Values);
        Assert.NotEqual(a.Forecast(R("h01", 2, ForecastStage.DayAhead)).Values, Make("noisy", 0.1, 6).Forecast(R("h01", 2, ForecastStage.DayAhead)).Values);
    }

    [Fact]
    public void EveryForecasterIsRegistered()
    {
        Assert.Equal(["perfect", "persistence", "noisy"], Forecasters.Names.Take(3));
    }
}
