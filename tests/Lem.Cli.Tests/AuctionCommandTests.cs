using System.Text.Json;

namespace Lem.Cli.Tests;

public sealed class AuctionCommandTests : IDisposable
{
    // The classic book (b) of docs/mechanisms/auctions.md#worked-example in slot 0 with 1 MWh units, and a second slot that does not cross.
    private const string Orders = """
        participant,side,slot,price_eur_per_mwh,quantity_kwh,order_id,time
        b1,buy,0,10,1000,b1-0,2026-06-21T08:00:00Z
        b2,buy,0,9,1000,b2-0,2026-06-21T08:01:00Z
        b3,buy,0,7,1000,b3-0,2026-06-21T08:02:00Z
        b4,buy,0,2,1000,b4-0,2026-06-21T08:03:00Z
        s1,sell,0,2,1000,s1-0,2026-06-21T08:00:00Z
        s2,sell,0,4,1000,s2-0,2026-06-21T08:01:00Z
        s3,sell,0,6.9,1000,s3-0,2026-06-21T08:02:00Z
        s4,sell,0,20,1000,s4-0,2026-06-21T08:03:00Z
        b1,buy,1,5,10,,
        s1,sell,1,8,10,,
        """;

    private readonly string dir = Directory.CreateTempSubdirectory("lem-auction-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Slot(JsonElement root, int slot) =>
        root.GetProperty("clearing_price").EnumerateArray().Single(e => e.GetProperty("slot").GetInt32() == slot);

    [Fact]
    public void Auction_Uniform_Json_KDoublePrice6Point95_ThreeTrades()
    {
        var (exit, output, err) = CliRunner.Run("auction", Write("orders.csv", Orders), "--mechanism", "uniform", "--format", "json");

        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("uniform", root.GetProperty("mechanism").GetString());
        Assert.Equal(6.95, Slot(root, 0).GetProperty("price").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, Slot(root, 1).GetProperty("price").ValueKind);
        var trades = root.GetProperty("trades").EnumerateArray().ToList();
        Assert.Equal(3, trades.Count);
        Assert.Equal(("b1", "s1"), (trades[0].GetProperty("buyer").GetString(), trades[0].GetProperty("seller").GetString()));
        Assert.All(trades, t =>
        {
            Assert.Equal(1000.0, t.GetProperty("quantity").GetDouble());
            Assert.Equal(6.95, t.GetProperty("price").GetDouble(), 9);
        });

        // (10 − 2) + (9 − 4) + (7 − 6.9) = 13.1 EUR/MWh × 1 MWh.
        Assert.Equal(13.1m, root.GetProperty("welfare").GetDecimal());
        Assert.Equal(0m, root.GetProperty("surplus").GetDecimal());
        Assert.True(root.GetProperty("rules").GetArrayLength() > 0);
        Assert.Equal(0.5, root.GetProperty("parameters").GetProperty("k").GetDouble());
    }

    [Fact]
    public void Auction_McAfee_Json_TradeReduction_Surplus0Point2()
    {
        var (exit, output, err) = CliRunner.Run("auction", Write("orders.csv", Orders), "--mechanism", "mcafee", "--lot-kwh", "1000", "--format", "json");

        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("mcafee", root.GetProperty("mechanism").GetString());
        var trades = root.GetProperty("trades").EnumerateArray().ToList();
        Assert.Equal(2, trades.Count);
        Assert.All(trades, t =>
        {
            Assert.Equal(7.0, t.GetProperty("price").GetDouble());
            Assert.Equal(6.9, t.GetProperty("seller_price").GetDouble());
        });
        Assert.Equal(0.2m, root.GetProperty("surplus").GetDecimal());
        Assert.Equal(13m, root.GetProperty("welfare").GetDecimal());
        Assert.Equal(7.0, Slot(root, 0).GetProperty("price").GetDouble());
    }

    [Fact]
    public void Auction_PayAsBid_Json_BuyersPayTheirBids()
    {
        var (exit, output, err) = CliRunner.Run("auction", Write("orders.csv", Orders), "--mechanism", "pay-as-bid", "--format", "json");

        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        var trades = doc.RootElement.GetProperty("trades").EnumerateArray().ToList();
        Assert.Equal([10.0, 9.0, 7.0], trades.Select(t => t.GetProperty("price").GetDouble()));
        Assert.Equal([2.0, 4.0, 6.9], trades.Select(t => t.GetProperty("seller_price").GetDouble()));
        Assert.Equal(13.1m, doc.RootElement.GetProperty("surplus").GetDecimal());
    }

    [Fact]
    public void Auction_KAndMarginalRule_MovePrice()
    {
        var path = Write("orders.csv", Orders);
        using var k1 = JsonDocument.Parse(CliRunner.Run("auction", path, "--k", "1", "--format", "json").Out);
        Assert.Equal(7.0, Slot(k1.RootElement, 0).GetProperty("price").GetDouble());
        using var marginal = JsonDocument.Parse(CliRunner.Run("auction", path, "--price-rule", "marginal", "--format", "json").Out);
        Assert.Equal(6.9, Slot(marginal.RootElement, 0).GetProperty("price").GetDouble());
    }

    [Fact]
    public void Auction_Text_PrintsATable()
    {
        var (exit, output, err) = CliRunner.Run("auction", Write("orders.csv", Orders), "--mechanism", "mcafee", "--lot-kwh", "1000");

        Assert.True(exit == 0, output + err);
        Assert.Contains("mcafee call auction", output, StringComparison.Ordinal);
        Assert.Contains("Operator surplus: 0.2 EUR", output, StringComparison.Ordinal);
        Assert.Contains("trade reduction", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Auction_BadCsv_ExitsOne_ListingProblemsWithFileAndLine()
    {
        var path = Write("bad.csv", "participant,side,slot,price_eur_per_mwh,quantity_kwh\nalice,hold,0,50,3\nbob,sell,0,4001,1\ncarol,sell,0,10,-2\n");

        var (exit, output, err) = CliRunner.Run("auction", path);
        Assert.Equal(1, exit);
        Assert.Contains("3 problems", output, StringComparison.Ordinal);
        Assert.Contains($"{path}:2", output, StringComparison.Ordinal);
        Assert.Contains($"{path}:3", output, StringComparison.Ordinal);
        Assert.Contains($"{path}:4", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);

        var json = CliRunner.Run("auction", path, "--format", "json");
        Assert.Equal(1, json.Exit);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains(doc.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == $"{path}:3" && e.GetProperty("code").GetString() == "value.out_of_range");
    }

    [Fact]
    public void Auction_MissingFile_ExitsOne()
    {
        var (exit, output, err) = CliRunner.Run("auction", Path.Combine(dir, "none.csv"));
        Assert.Equal(1, exit);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Theory]
    [InlineData("--mechanism", "vickrey")]
    [InlineData("--k", "1.5")]
    [InlineData("--lot-kwh", "0")]
    public void Auction_BadOptions_ExitTwo(string option, string value)
    {
        var (exit, _, err) = CliRunner.Run("auction", Write("orders.csv", Orders), option, value);
        Assert.Equal(2, exit);
        Assert.Contains("lem --help", err, StringComparison.Ordinal);
    }
}
