using System.Text.Json;

namespace Lem.Cli.Tests;

public sealed class BenchOrderBookTests
{
    [Fact]
    public void BenchOrderBook_Json_ReportsPositiveThroughputAndLatency()
    {
        var (exit, output, err) = CliRunner.Run("bench", "orderbook", "--operations", "200000", "--runs", "1", "--format", "json");

        // The timing goals (≥ 5 M ops/s, p99 < 5 µs) may be missed on a loaded machine: exit 4, figures printed all the same.
        Assert.True(exit is ExitCodes.Ok or ExitCodes.GoalMissed, output + err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var goals = root.GetProperty("goals").EnumerateArray().ToList();
        Assert.Equal(["orders_per_second", "p99_ns"], goals.Select(g => g.GetProperty("figure").GetString()!));
        Assert.Equal(goals.All(g => g.GetProperty("met").GetBoolean()) ? ExitCodes.Ok : ExitCodes.GoalMissed, exit);
        Assert.Equal(root.GetProperty("orders_per_second").GetDouble() >= 5e6, goals[0].GetProperty("met").GetBoolean());
        Assert.Equal(root.GetProperty("p99_ns").GetDouble() < 5000, goals[1].GetProperty("met").GetBoolean());
        foreach (var key in new[] { "orders_per_second", "p50_ns", "p99_ns", "trades", "live_orders_at_end" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }

        Assert.True(root.GetProperty("p99_ns").GetDouble() >= root.GetProperty("p50_ns").GetDouble());
        Assert.True(root.GetProperty("allocated_bytes_per_op").GetDouble() >= 0);
        Assert.Equal(0, root.GetProperty("rejections").GetInt32());
        Assert.Equal(200000, root.GetProperty("operations").GetInt32());
    }

    [Fact]
    public void BenchOrderBook_BadOperations_IsAUsageError()
    {
        var (exit, _, err) = CliRunner.Run("bench", "orderbook", "--operations", "5");
        Assert.Equal(2, exit);
        Assert.Contains("--operations", err, StringComparison.Ordinal);
    }
}
