using Lem.Testing;
using Lem.Markets.Games;

namespace Lem.Markets.Tests.Games;

/// <summary>The worked example of FORMULATIONS §16 (docs/games.md#worked-example): P = 120 − 0.5·Q, costs 20 and 40 EUR/MWh, 100 kW each, one hour.</summary>
public sealed class CournotSection16Tests
{
    public static TheoryData<string> Methods() => [.. EquilibriumMethods.Names];

    private static CournotGame Example(double? capPlayer1Kw = null, bool strategic = true)
    {
        GamePlayer[] players = [new("p1", strategic), new("p2", strategic)];
        GameVariable[] variables = [new(0, 0, 1, 20, 0, 0, 100, "p1.q"), new(1, 0, 1, 40, 0, 0, 100, "p2.q")];
        GameRow[] rows = capPlayer1Kw is { } cap ? [new GameRow("line", [0], [1.0], cap, Shared: true)] : [];
        return new CournotGame(1.0, [120.0], [0.5], players, variables, rows);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void CournotNash_Is80And40_Price60_Welfare760(string method)
    {
        var r = EquilibriumReport.Compute(Example(), EquilibriumMethods.ByName(method));

        Assert.True(r.Equilibrium.Converged, r.Equilibrium.Message);
        Approx.Equal(80, r.Equilibrium.ValuesKw[0], 1e-6);
        Approx.Equal(40, r.Equilibrium.ValuesKw[1], 1e-6);
        Approx.Equal(60, r.PricesEurPerMwh[0], 1e-6);
        Approx.Equal(3.20, r.ProfitsEur[0], 1e-6);
        Approx.Equal(0.80, r.ProfitsEur[1], 1e-6);
        Approx.Equal(3.60, r.ConsumerSurplusEur, 1e-6);
        Approx.Equal(7.60, r.WelfareEur, 1e-6);
        Approx.Equal(8.40, r.CompetitiveWelfareEur, 1e-6);
        Approx.Equal(8.40 / 7.60, r.PriceOfAnarchy, 1e-6);
        Assert.True(r.Certificate.MaxGainEur <= 1e-6, $"gain {r.Certificate.MaxGainEur}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void PriceTaking_Is100And60_Price40_Welfare840(string method)
    {
        var r = EquilibriumReport.Compute(Example(strategic: false), EquilibriumMethods.ByName(method));

        Approx.Equal(100, r.Equilibrium.ValuesKw[0], 1e-6);
        Approx.Equal(60, r.Equilibrium.ValuesKw[1], 1e-6);
        Approx.Equal(40, r.PricesEurPerMwh[0], 1e-6);
        Approx.Equal(8.40, r.WelfareEur, 1e-6);
        Approx.Equal(1.0, r.PriceOfAnarchy, 1e-9);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void LineLimitOnPlayer1_Is70And45_Price625(string method)
    {
        var r = EquilibriumReport.Compute(Example(capPlayer1Kw: 70), EquilibriumMethods.ByName(method));

        Assert.True(r.Equilibrium.Converged, r.Equilibrium.Message);
        Approx.Equal(70, r.Equilibrium.ValuesKw[0], 1e-6);
        Approx.Equal(45, r.Equilibrium.ValuesKw[1], 1e-6);
        Approx.Equal(62.5, r.PricesEurPerMwh[0], 1e-6);
        Approx.Equal(2.975, r.ProfitsEur[0], 1e-6);
        Approx.Equal(1.0125, r.ProfitsEur[1], 1e-6);
        Approx.Equal(3.30625, r.ConsumerSurplusEur, 1e-6);

        // Player 1's marginal profit at 70 kW is 62.5 − 0.5·70 − 20 = 7.5 EUR/MWh: the line's multiplier.
        Approx.Equal(7.5, r.Equilibrium.RowMultipliers[0], 1e-6);
        Assert.True(r.Certificate.MaxGainEur <= 1e-6);
    }

    [Fact]
    public void Certificate_FlagsAPointThatIsNotAnEquilibrium()
    {
        var game = Example();
        var certificate = EquilibriumCertificate.Check(game, [100.0, 60.0]);

        // At (100, 60) player 1's best response is (120 − 0.5·60 − 20)/1 = 70 kW: profit 0.5·70²/1000 = 2.45 EUR against
        // (40 − 20)·100/1000 = 2.00; player 2's is (120 − 50 − 40)/1 = 30 kW: profit 15·30/1000 = 0.45 EUR against 0.
        Approx.Equal(0.45, certificate.GainsEur[0], 1e-6);
        Approx.Equal(0.45, certificate.GainsEur[1], 1e-6);
        Approx.Equal(0.45, certificate.MaxGainEur, 1e-6);
    }
}
