using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// The real-network example examples/flex/dorfnetz.json (the Kerber Dorfnetz of examples/village): <c>lem flex</c> finds
/// the midday PV over-voltage and the evening EV overload in the AC power flow of the baseline, turns them into automatic
/// requests, and orders offers that remove both.
/// </summary>
public sealed class FlexDorfnetzExampleTests
{
    private static JsonElement Run() => FlexCommandTests.Json("flex", RepoPaths.InRepo("examples", "flex", "dorfnetz.json"), "--format", "json");

    [Fact]
    public void BothProblemsAreFoundAndResolved()
    {
        var r = Run();

        var before = r.GetProperty("violations_before").EnumerateArray().ToList();
        Assert.Contains(before, v => v.GetProperty("slot").GetInt32() == 0 && v.GetProperty("kind").GetString() == "overvoltage" && v.GetProperty("element").GetString() == "69");
        Assert.Contains(before, v => v.GetProperty("slot").GetInt32() == 7 && v.GetProperty("kind").GetString() == "overload" && v.GetProperty("element").GetString() == "36");
        Assert.Equal(0, r.GetProperty("violations_after").GetArrayLength());
        Assert.Equal("cleared", r.GetProperty("status").GetString());

        // Midday only downward offers (less injection), in the evening only upward ones (less consumption).
        foreach (var o in r.GetProperty("orders").EnumerateArray())
        {
            Assert.Equal(o.GetProperty("slot").GetInt32() < 6 ? "down" : "up", o.GetProperty("direction").GetString());
        }
    }

    [Fact]
    public void TheEveningOrdersAreTheMeritOrderOfTheAreasUpwardOffers()
    {
        // In the evening the congestion is feeder 3's first cable (branch 36): every offer of the feeder-3-end area lies
        // downstream of it with a sensitivity of about 1, so the least-cost way to order a volume is the merit order of
        // the area's upward offers. The check sorts the offers of the scenario file itself.
        var r = Run();
        var scenario = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("examples", "flex", "dorfnetz.json"))).RootElement;
        var area = scenario.GetProperty("flexibility").GetProperty("congestion_points")[0].GetProperty("buses").EnumerateArray().Select(b => b.GetString()).ToHashSet();
        var evening = r.GetProperty("orders").EnumerateArray().Where(o => o.GetProperty("slot").GetInt32() == 7).ToList();
        Assert.All(evening, o => Assert.Contains(o.GetProperty("bus").GetString(), area));
        var volumeKw = evening.Sum(o => o.GetProperty("kw").GetDouble());
        Assert.True(volumeKw > 0);

        var merit = scenario.GetProperty("flexibility").GetProperty("offers").EnumerateArray()
            .Where(o => o.GetProperty("direction").GetString() == "up" && area.Contains(o.GetProperty("bus").GetString()))
            .Select(o => (Kw: o.GetProperty("kw").GetDouble(), Price: o.GetProperty("price_eur_per_mwh").GetDouble()))
            .OrderBy(o => o.Price)
            .ToList();
        double left = volumeKw, meritEur = 0;
        foreach (var (kw, price) in merit)
        {
            var take = Math.Min(kw, left);
            meritEur += take * price / 1000; // one-hour slots
            left -= take;
        }

        Assert.True(left < 1e-9, $"the area offers {merit.Sum(o => o.Kw)} kW, less than the {volumeKw} kW ordered");
        var auctionEveningEur = evening.Sum(o => o.GetProperty("kw").GetDouble() * o.GetProperty("price_eur_per_mwh").GetDouble() / 1000);
        Assert.Equal(meritEur, auctionEveningEur, 5);
    }
}
