using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>lem equilibrium</c> and <c>lem tariff-design</c> on the tiny example, and their bad input.</summary>
public sealed class EquilibriumCommandTests
{
    private static readonly string Tiny = RepoPaths.InRepo("examples", "tiny", "scenario.json");

    private static JsonElement Json(params string[] args)
    {
        var (exit, output, err) = CliRunner.Run(args);
        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Equilibrium_ThreeMethodsGiveTheSameWelfare_AndACertificateBelow1e6()
    {
        var welfare = new List<double>();
        foreach (var method in new[] { "potential", "best-response", "lcp" })
        {
            var r = Json("equilibrium", Tiny, "--method", method, "--format", "json");
            Assert.True(r.GetProperty("converged").GetBoolean());
            Assert.True(r.GetProperty("certificate").GetProperty("max_gain_eur").GetDouble() <= 1e-6, method);
            Assert.Equal(2, r.GetProperty("positions").GetArrayLength());
            var competitive = r.GetProperty("competitive").GetProperty("welfare_eur").GetDouble();
            var w = r.GetProperty("welfare_eur").GetDouble();
            Assert.True(competitive >= w - 1e-9, $"{method}: competitive {competitive} below equilibrium {w}");
            Assert.Equal(competitive / w, r.GetProperty("price_of_anarchy").GetDouble(), 6);
            welfare.Add(w);
        }

        Assert.True(welfare.Max() - welfare.Min() <= 1e-6, string.Join(", ", welfare));
    }

    [Fact]
    public void Equilibrium_WithOnePriceTaker_ReportsOnlyTheOtherAsStrategic()
    {
        var r = Json("equilibrium", Tiny, "--strategic", "ben", "--format", "json");

        Assert.Equal(["ben"], r.GetProperty("strategic").EnumerateArray().Select(e => e.GetString()));
        Assert.False(r.GetProperty("positions")[1].GetProperty("strategic").GetBoolean());
    }

    [Fact]
    public void Equilibrium_ListsEveryUnknownOrNonPlayerId_AtOnce()
    {
        var (exit, output, err) = CliRunner.Run("equilibrium", Tiny, "--strategic", "nobody,ghost,anna");

        Assert.Equal(1, exit);
        var text = output + err;
        Assert.Contains("'nobody'", text, StringComparison.Ordinal);
        Assert.Contains("'ghost'", text, StringComparison.Ordinal);
        Assert.Contains("'anna'", text, StringComparison.Ordinal);
        Assert.Contains("--strategic", text, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(text);
    }

    [Fact]
    public void Equilibrium_UnknownMethod_IsAUsageError()
    {
        var (exit, output, err) = CliRunner.Run("equilibrium", Tiny, "--method", "guess");

        Assert.Equal(2, exit);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void TariffDesign_EveryDesignRecoversTheRevenue_AndTheMpecAgrees()
    {
        var r = Json("tariff-design", Tiny, "--tariffs", "volumetric,net-metering,capacity,tou", "--revenue", "5", "--mpec", "--format", "json");

        Assert.Equal(4, r.GetProperty("tariffs").GetArrayLength());
        foreach (var t in r.GetProperty("tariffs").EnumerateArray())
        {
            var billed = t.GetProperty("bills").EnumerateArray().Sum(b => b.GetProperty("tariff_eur").GetDouble());
            Assert.Equal(5.0, billed, 4);
            Assert.Equal(5.0, t.GetProperty("revenue_eur").GetDouble(), 4);
            var passive = t.GetProperty("bills").EnumerateArray().Where(b => b.GetProperty("passive").GetBoolean()).Sum(b => b.GetProperty("shift_eur").GetDouble());
            Assert.Equal(passive, t.GetProperty("passive_shift_eur").GetDouble(), 5);
            Assert.True(t.GetProperty("mpec").GetProperty("valid").GetBoolean(), t.GetProperty("mpec").ToString());
        }
    }

    [Fact]
    public void TariffDesign_ReportsEveryBadOption_AtOnce()
    {
        var (exit, output, err) = CliRunner.Run("tariff-design", Tiny, "--tariffs", "volumetric,flat,banded", "--revenue", "-3", "--fairness-limit", "-1");

        Assert.Equal(2, exit);
        var text = output + err;
        Assert.Contains("'flat'", text, StringComparison.Ordinal);
        Assert.Contains("'banded'", text, StringComparison.Ordinal);
        Assert.Contains("--revenue", text, StringComparison.Ordinal);
        Assert.Contains("--fairness-limit", text, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(text);
    }

    [Fact]
    public void TariffDesign_WithoutRevenue_IsAUsageError()
    {
        var (exit, output, err) = CliRunner.Run("tariff-design", Tiny, "--tariffs", "volumetric");

        Assert.Equal(2, exit);
        CliRunner.AssertNoStackTrace(output + err);
    }
}
