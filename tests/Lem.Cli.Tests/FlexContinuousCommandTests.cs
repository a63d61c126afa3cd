using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>lem flex --trading continuous</c> (docs/mechanisms/flexibility.md#continuous-trading) on examples/flex.</summary>
public sealed class FlexContinuousCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-flex-continuous-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static JsonElement Json(params string[] args) => FlexCommandTests.Json(args);

    private static string[] Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void EveningPeak_ContinuousOrdersWhatTheAuctionOrders_AndPaysAsBid()
    {
        var path = RepoPaths.InRepo("examples", "flex", "evening-peak.json");
        var continuous = Json("flex", path, "--schedule", "pool", "--trading", "continuous", "--format", "json");
        var auction = Json("flex", path, "--schedule", "pool", "--format", "json");

        Assert.Equal(
            ["status", "cost_eur", "rounds", "orders", "flex_prices", "violations_before", "violations_after", "trading", "pricing", "matches", "notes"],
            Names(continuous));
        Assert.Equal("cleared", continuous.GetProperty("status").GetString());
        Assert.Equal("continuous", continuous.GetProperty("trading").GetString());
        Assert.Equal("L12", continuous.GetProperty("violations_before")[0].GetProperty("element").GetString());
        Assert.Equal(0, continuous.GetProperty("violations_after").GetArrayLength());

        // One useful offer at the end of the feeder: both ways order the same volume of it (the LP and the one-by-one
        // grid check agree), and continuous trading pays it as bid: kW × 1 h / 1000 × 50 EUR/MWh.
        var order = continuous.GetProperty("orders").EnumerateArray().Single();
        var auctionOrder = auction.GetProperty("orders").EnumerateArray().Single();
        Assert.Equal("ev-delay", order.GetProperty("offer").GetString());
        Assert.Equal(auctionOrder.GetProperty("kw").GetDouble(), order.GetProperty("kw").GetDouble(), 3);
        Assert.Equal(order.GetProperty("kw").GetDouble() * 50 / 1000, (double)continuous.GetProperty("cost_eur").GetDecimal(), 6);
        Assert.Equal("accepted", continuous.GetProperty("matches")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public void AMatchThatWouldOverloadAnotherLineIsReducedAndNamesIt()
    {
        // Worked example A with a request for 250 kW up at the feeder and one 300 kW offer at bus 2: injecting 250 kW there
        // reverses L12 (100 kW of load) to 150 kW against its 80 kVA, worse than the 100 kW overload it had; the grid
        // check lets through only what keeps L12's excess from growing, |100 − x| ≤ 100, so x ≈ 200 kW (r, x ≈ 0: AC ≈ DC).
        var s = JsonNode.Parse(File.ReadAllText(RepoPaths.InRepo("examples", "flex", "worked-a.json")))!.AsObject();
        s.Remove("$schema");
        s["flexibility"]!["offers"] = new JsonArray(new JsonObject { ["id"] = "big", ["fsp"] = "agg", ["bus"] = "2", ["direction"] = "up", ["kw"] = 300, ["price_eur_per_mwh"] = 20 });
        s["flexibility"]!["requests"] = new JsonArray(new JsonObject
        {
            ["id"] = "r1", ["congestion_point"] = "feeder", ["slot"] = "2026-01-15T18:00", ["direction"] = "up", ["requested_kw"] = 250, ["available_kw"] = 250,
        });
        var path = Path.Combine(dir, "reduced.json");
        File.WriteAllText(path, s.ToJsonString());

        var r = Json("flex", path, "--trading", "continuous", "--format", "json");

        var match = r.GetProperty("matches").EnumerateArray().Single();
        Assert.Equal("reduced", match.GetProperty("outcome").GetString());
        Assert.Equal(250, match.GetProperty("wanted_kw").GetDouble(), 6);
        Assert.Equal(200, match.GetProperty("ordered_kw").GetDouble(), 0);
        Assert.Equal("overload", match.GetProperty("violation_kind").GetString());
        Assert.Equal("L12", match.GetProperty("violated_element").GetString());
        Assert.Equal("violations_remain", r.GetProperty("status").GetString());
        Assert.Equal("L12", r.GetProperty("violations_after").EnumerateArray().Single().GetProperty("element").GetString());
    }

    [Fact]
    public void Dorfnetz_ContinuousResolvesBothProblemsInArrivalOrder()
    {
        var r = Json("flex", RepoPaths.InRepo("examples", "flex", "dorfnetz.json"), "--trading", "continuous", "--format", "json");

        Assert.Contains(r.GetProperty("violations_before").EnumerateArray(), v => v.GetProperty("kind").GetString() == "overvoltage");
        Assert.Contains(r.GetProperty("violations_before").EnumerateArray(), v => v.GetProperty("kind").GetString() == "overload");
        Assert.Equal(0, r.GetProperty("violations_after").GetArrayLength());
        Assert.Equal("cleared", r.GetProperty("status").GetString());

        // Arrival order, not price: the park's curtailment arrives before the cheaper home batteries and is matched first.
        Assert.Equal("pv-park-curtail-1", r.GetProperty("matches")[0].GetProperty("offer").GetString());
        var cost = r.GetProperty("orders").EnumerateArray().Sum(o => (decimal)o.GetProperty("kw").GetDouble() * (decimal)o.GetProperty("price_eur_per_mwh").GetDouble() / 1000m);
        Assert.Equal((double)cost, (double)r.GetProperty("cost_eur").GetDecimal(), 5);
    }

    [Fact]
    public void UniformPricingWithContinuousTrading_IsRefused()
    {
        var (exit, output, err) = CliRunner.Run("flex", RepoPaths.InRepo("examples", "flex", "worked-a.json"), "--trading", "continuous", "--pricing", "uniform", "--format", "json");

        Assert.Equal(1, exit);
        Assert.Contains("--pricing", output + err, StringComparison.Ordinal);
    }
}
