using System.Globalization;
using Lem.Domain.Assets;
using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Units;
using Lem.Markets.Assets;
using Lem.Grid.Formulations;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Markets.Stochastic;
using Lem.Testing;

namespace Lem.Markets.Tests.Stochastic;

/// <summary><c>stochastic-pool</c> through the registry (docs/mechanisms/stochastic-pool.md#from-a-scenario).</summary>
public sealed class StochasticPoolMechanismTests
{
    private static IClearingMechanism Mechanism => ClearingMechanisms.Get("stochastic-pool");

    /// <summary>Two hours: a household load, a PV owner with a sell order, an outside market at 80/60 EUR/MWh.</summary>
    private static MarketInput Market(params Asset[] extra) => TestScenarios.Scenario(
        "stochastic",
        TestScenarios.Hourly(2),
        TestScenarios.Market([80, 90], [60, 70]),
        TestScenarios.Participant("home", ParticipantRole.Consumer, [TestScenarios.Load("home-load", 30, 40), .. extra]),
        TestScenarios.Participant(
            "sun",
            ParticipantRole.Prosumer,
            [new RenewableGenerator(new AssetId("sun-pv"), null, RenewableKind.Pv, Power.FromKw(40), new SlotSeries([20.0, 35.0]), Price.FromEurPerMwh(0))],
            [TestScenarios.Order("sun-offer", "sun", OrderSide.Sell, 1, (50, 0.010))]));

    private static ClearingRequest Request(MarketInput market, params (string Key, string Value)[] parameters) =>
        new(market) { Options = new ClearingOptions { Parameters = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) } };

    [Fact]
    public void Check_RejectsStorage_NamingTheAssetAndThePool()
    {
        var battery = TestScenarios.Battery("home-battery", 10, 5, 0.95, 5, 5);
        var errors = Mechanism.Check(Request(Market(battery)));

        var e = Assert.Single(errors);
        Assert.Equal("participants[0].assets[1]", e.Path);
        Assert.Contains("'home-battery'", e.Message, StringComparison.Ordinal);
        Assert.Contains("--mechanism pool", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ReportsEveryBadParameterAtOnce()
    {
        var errors = Mechanism.Check(Request(Market(), ("alpha", "1"), ("beta", "-0.5"), ("scenarios", "20"), ("samples", "10"), ("forecast_error", "x"), ("horizon", "3")));

        Assert.Equal(["parameters.alpha", "parameters.beta", "parameters.forecast_error", "parameters.horizon", "parameters.samples"], errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Check_LimitsTheSamples()
    {
        var ok = Mechanism.Check(Request(Market(), ("samples", StochasticParameters.MaxSamples.ToString(CultureInfo.InvariantCulture))));
        var tooMany = Mechanism.Check(Request(Market(), ("samples", (StochasticParameters.MaxSamples + 1).ToString(CultureInfo.InvariantCulture))));

        Assert.Empty(ok);
        Assert.Equal("parameters.samples", Assert.Single(tooMany).Path);
    }

    [Fact]
    public void WithoutForecastError_ItIsThePool()
    {
        // σ = 0: every scenario is the forecast, nothing is regulated, and the day-ahead clearing is the deterministic pool's.
        var market = Market();
        var r = Mechanism.Clear(Request(market, ("forecast_error", "0"), ("samples", "5"), ("scenarios", "2")));
        var pool = PoolMechanism.ToClearingResult(PoolClearing.Clear(market, new CopperPlateFormulation()), market);

        Assert.Equal(ClearingStatus.Optimal, r.Status);
        Approx.Equal((double)pool.WelfareEur, (double)r.WelfareEur, 1e-6, what: "welfare");
        Approx.Equal(r.Diagnostics["expected_cost_eur"], r.Diagnostics["cvar_eur"], 1e-6, what: "CVaR of a sure cost");
        Approx.Equal(0, r.Diagnostics["vss_eur"], 1e-6, what: "VSS");
        Approx.Equal(0, r.Diagnostics["evpi_eur"], 1e-6, what: "EVPI");
        for (var t = 0; t < 2; t++)
        {
            Approx.Equal(pool.PricesEurPerMwh[t][0], r.PricesEurPerMwh[t][0], 1e-6, what: $"price {t}");
            foreach (var p in pool.Positions)
            {
                Approx.Equal(p.NetInjectionKw[t], r.Positions.Single(x => x.Participant == p.Participant).NetInjectionKw[t], 1e-6, what: $"{p.Participant} in slot {t}");
            }
        }
    }

    [Fact]
    public void Clear_BalancesTheDayAheadSchedule_AndReportsItsScenarios()
    {
        var r = Mechanism.Clear(Request(Market(), ("forecast_error", "0.3"), ("samples", "40"), ("scenarios", "4"), ("beta", "0.5"), ("seed", "5")));

        Assert.Equal(ClearingStatus.Optimal, r.Status);
        for (var t = 0; t < 2; t++)
        {
            Approx.Equal(0, r.Positions.Sum(p => p.NetInjectionKw[t]) + r.ImportKw[t] - r.ExportKw[t], 1e-6, what: $"balance in slot {t}");
        }

        Assert.Equal(4, r.Diagnostics["scenarios"]);
        Assert.True(r.Diagnostics["cvar_eur"] >= r.Diagnostics["expected_cost_eur"] - 1e-6);
        Assert.True(r.Diagnostics["vss_eur"] >= -1e-6);
        Assert.True(r.Diagnostics["evpi_eur"] >= -1e-6);
        var report = Assert.IsType<StochasticReport>(r.Report);
        var csv = report.Files(new ClearingReportContext(Market(), r, null)).Single(f => f.Name == "stochastic.csv").Content.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("scenario,sample,probability,cost_eur,slot,time,rt_price_eur_per_mwh", csv[0]);
        Assert.Equal(1 + (4 * 2), csv.Length);
        var probabilities = csv.Skip(1).Where(l => l.Split(',')[4] == "0").Sum(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture));
        Approx.Equal(1, probabilities, 1e-5, what: "probabilities in the file");
    }

    [Fact]
    public void SameSeed_SameClearing_OtherSeed_OtherScenarios()
    {
        (string, string)[] common = [("forecast_error", "0.3"), ("samples", "30"), ("scenarios", "3")];
        var a = Mechanism.Clear(Request(Market(), [.. common, ("seed", "9")]));
        var b = Mechanism.Clear(Request(Market(), [.. common, ("seed", "9")]));
        var c = Mechanism.Clear(Request(Market(), [.. common, ("seed", "10")]));

        var ra = Assert.IsType<StochasticReport>(a.Report).Evaluation.Recourse.ScenarioCostsEur;
        Assert.Equal(ra, Assert.IsType<StochasticReport>(b.Report).Evaluation.Recourse.ScenarioCostsEur);
        Assert.NotEqual(ra, Assert.IsType<StochasticReport>(c.Report).Evaluation.Recourse.ScenarioCostsEur);
    }
}
