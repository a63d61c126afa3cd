using Lem.Domain.Units;
using Lem.Testing;

namespace Lem.Domain.Tests;

public sealed class UnitsTests
{
    [Fact]
    public void Power_TimesQuarterHour_GivesQuarterOfTheEnergy()
    {
        var e = Power.FromKw(4) * TimeSpan.FromMinutes(15);
        Approx.Equal(1.0, e.Kwh);
    }

    [Fact]
    public void Power_ConvertsBetweenKwMwAndW()
    {
        var p = Power.FromMw(1.5);
        Approx.Equal(1500, p.Kw);
        Approx.Equal(1_500_000, p.W);
        Approx.Equal(0.0025, Power.FromW(2.5).Kw);
    }

    [Fact]
    public void Energy_DividedByDuration_GivesAveragePower()
    {
        var p = Energy.FromKwh(3) / TimeSpan.FromMinutes(30);
        Approx.Equal(6, p.Kw);
    }

    [Fact]
    public void Energy_DividedByZeroDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Energy.FromKwh(1) / TimeSpan.Zero);
    }

    [Fact]
    public void Price_ConvertsEurPerKwhAndCentPerKwh()
    {
        var p = Price.FromEurPerKwh(0.32);
        Approx.Equal(320, p.EurPerMwh, 1e-9);
        Approx.Equal(32, p.CentPerKwh, 1e-9);
        Approx.Equal(0.08, Price.FromCentPerKwh(8).EurPerKwh, 1e-12);
    }

    [Fact]
    public void EnergyTimesPrice_IsMoneyInDecimal()
    {
        // 2.5 kWh at 320 EUR/MWh = 0.80 EUR exactly.
        var m = Energy.FromKwh(2.5) * Price.FromEurPerMwh(320);
        Assert.Equal(0.8m, m.Eur);
    }

    [Fact]
    public void Money_SumIsExact_WhereDoubleIsNot()
    {
        var sum = Money.Zero;
        for (var i = 0; i < 10; i++)
        {
            sum += Money.FromEur(0.1m);
        }

        Assert.Equal(1.0m, sum.Eur);
        var d = 0.0;
        for (var i = 0; i < 10; i++)
        {
            d += 0.1;
        }

        Assert.NotEqual(1.0, d); // the reason money is decimal
    }

    [Theory]
    [InlineData("0.125", "0.13")]
    [InlineData("-0.125", "-0.13")]
    [InlineData("0.124999", "0.12")]
    [InlineData("2.005", "2.01")]
    public void Money_RoundToCents_RoundsHalfAwayFromZero(string eur, string expected)
    {
        var m = Money.FromEur(decimal.Parse(eur, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), m.RoundToCents().Eur);
    }

    [Fact]
    public void Money_FromCent_AndCent_RoundTrip()
    {
        Assert.Equal(12.34m, Money.FromCent(1234).Eur);
        Assert.Equal(1234m, Money.FromEur(12.34m).Cent);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Quantities_RefuseNonFiniteValues(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Power.FromKw(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => Energy.FromKwh(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.FromEurPerMwh(value));
    }

    [Fact]
    public void Power_ComparesAndNegates()
    {
        Assert.True(Power.FromKw(2) > Power.FromKw(1));
        Assert.Equal(Power.FromKw(-3), -Power.FromKw(3));
        Assert.Equal("3.5 kW", Power.FromKw(3.5).ToString());
    }
}
