using System.Text.Json.Nodes;
using Lem.Server;

namespace Lem.Cli.Tests;

public sealed class LoadTestCommandTests
{
    private const string OperatorKey = "loadtest-cli-operator-key";

    [Theory]
    [InlineData("--participants", "0")]
    [InlineData("--participants", "10001")]
    [InlineData("--duration", "0")]
    [InlineData("--connections", "0")]
    [InlineData("--warmup", "-1")]
    [InlineData("--creation-concurrency", "0")]
    [InlineData("--creation-concurrency", "257")]
    [InlineData("--url", "not-a-url")]
    [InlineData("--url", "ftp://127.0.0.1:21")]
    public void Bad_options_give_exit_2_naming_the_option(string option, string value)
    {
        var args = new List<string> { "loadtest", "--url", "http://127.0.0.1:1", "--operator-key", OperatorKey };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (exit, _, err) = CliRunner.Run([.. args]);
        Assert.Equal(2, exit);
        Assert.Contains(option, err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(err);
    }

    [Fact]
    public void Missing_url_or_key_and_bad_bench_options_give_exit_2()
    {
        Assert.Equal(2, CliRunner.Run("loadtest", "--operator-key", OperatorKey).Exit);
        Assert.Equal(2, CliRunner.Run("loadtest", "--url", "http://127.0.0.1:1").Exit);
        Assert.Equal(2, CliRunner.Run("loadtest", "--url", "http://127.0.0.1:1", "--operator-key", OperatorKey, "--duration", "soon").Exit);
        var (exit, _, err) = CliRunner.Run("bench", "server", "--connections", "1000");
        Assert.Equal(2, exit);
        Assert.Contains("--connections", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_url_gives_exit_1_with_a_clear_message()
    {
        var (exit, _, err) = CliRunner.Run("loadtest", "--url", "http://127.0.0.1:1", "--operator-key", OperatorKey, "--duration", "1");
        Assert.Equal(1, exit);
        Assert.Contains("cannot reach http://127.0.0.1:1", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(err);
    }

    [Trait("Category", "Heavy")]
    [Fact]
    public async Task Against_a_server_a_wrong_key_gives_exit_1_and_a_short_run_prints_the_figures_as_json()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-loadtest-cli-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await LemServer.StartAsync(new ServerOptions
            {
                DataDirectory = dir,
                Urls = ["http://127.0.0.1:0"],
                OperatorKey = OperatorKey,
                RunGateClosureTimer = false,
            });
            var url = server.BaseAddresses[0];

            var (exit, _, err) = await Task.Run(() => CliRunner.Run("loadtest", "--url", url, "--operator-key", "a-wrong-operator-key"));
            Assert.Equal(1, exit);
            Assert.Contains("--operator-key", err, StringComparison.Ordinal);
            CliRunner.AssertNoStackTrace(err);

            var run = await Task.Run(() => CliRunner.Run("loadtest", "--url", url, "--operator-key", OperatorKey, "--participants", "2", "--connections", "2",
                "--duration", "1", "--warmup", "0", "--format", "json"));
            Assert.True(run.Exit == 0, run.Err);
            var report = JsonNode.Parse(run.Out)!;
            var accepted = report["accepted_orders"]!.GetValue<long>();
            Assert.True(accepted > 0);
            Assert.Equal(4, report["clients"]!.GetValue<int>());
            Assert.Equal(1, report["markets"]!.GetValue<int>());
            Assert.Equal(0, report["market_setup_s"]!.GetValue<double>());
            AssertRateMatchesRoundedFigures(accepted, report["elapsed_s"]!.GetValue<double>(), report["orders_per_second"]!.GetValue<double>());
            Assert.Equal(report["requests"]!.GetValue<long>(), accepted + report["cancels"]!.GetValue<long>() + report["rejected"]!.GetValue<long>());
            var p50 = report["p50_ms"]!.GetValue<double>();
            var p99 = report["p99_ms"]!.GetValue<double>();
            Assert.True(p50 <= p99 && p99 <= report["max_ms"]!.GetValue<double>());

            // The market the run created holds the accepted orders (and any the book rejected).
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var health = JsonNode.Parse(await http.GetStringAsync("/v1/health"))!;
            Assert.True(health["commands"]!.GetValue<long>() >= accepted + 3);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData(1234, 1.0004, 1233.5)] // accepted / elapsed = 1233.507: rate rounds to 1233.5, elapsed to 1.000
    [InlineData(1234, 0.9996, 1234.5)] // 1234.494: rounds to 1234.5, elapsed to 1.000 as well
    [InlineData(7, 0.0006, 11666.7)]   // elapsed rounds to 0.001, which alone would give 7000 orders/s
    public void Rate_check_accepts_every_rate_the_rounded_elapsed_time_allows(long accepted, double elapsedS, double ordersPerSecond)
    {
        // What the command prints: elapsed_s rounded to 3 decimals, orders_per_second from the unrounded time, to 1 decimal.
        Assert.Equal(Math.Round(accepted / elapsedS, 1), ordersPerSecond);
        AssertRateMatchesRoundedFigures(accepted, Math.Round(elapsedS, 3), ordersPerSecond);
    }

    [Fact]
    public void Rate_check_refuses_a_rate_outside_the_rounding_interval()
    {
        // 1000 orders in 1.000 ± 0.0005 s is 999.5 to 1000.5 orders/s, ± 0.05 for the printed decimal.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertRateMatchesRoundedFigures(1000, 1.000, 1000.6));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertRateMatchesRoundedFigures(1000, 1.000, 999.4));
        AssertRateMatchesRoundedFigures(1000, 1.000, 1000.5);
    }

    /// <summary>
    /// Checks orders_per_second against accepted_orders and elapsed_s as printed. The command rounds elapsed_s to
    /// 3 decimals and computes the rate from the unrounded time, then rounds it to 1 decimal; so the true time lies
    /// within elapsed_s ± 0.0005 s, and the printed rate within 0.05 of accepted divided by a time in that interval.
    /// </summary>
    private static void AssertRateMatchesRoundedFigures(long accepted, double elapsedS, double ordersPerSecond)
    {
        const double elapsedHalfUnit = 0.0005; // half the last printed digit of elapsed_s
        const double rateHalfUnit = 0.05;      // half the last printed digit of orders_per_second
        Assert.True(elapsedS > elapsedHalfUnit, $"elapsed_s = {elapsedS} is too short to check the rate.");

        // The bounds come from decimal rounding; 1e-12 relative covers their binary representation.
        var lowest = (accepted / (elapsedS + elapsedHalfUnit) - rateHalfUnit) * (1 - 1e-12);
        var highest = (accepted / (elapsedS - elapsedHalfUnit) + rateHalfUnit) * (1 + 1e-12);
        Assert.True(
            ordersPerSecond >= lowest && ordersPerSecond <= highest,
            $"orders_per_second = {ordersPerSecond} is not accepted_orders / elapsed_s = {accepted} / ({elapsedS} ± {elapsedHalfUnit}) s, rounded to 0.1: [{lowest}, {highest}].");
    }

    [Trait("Category", "Heavy")]
    [Fact]
    public void Bench_server_runs_an_in_process_server_and_prints_the_same_figures()
    {
        var (exit, stdout, err) = CliRunner.Run("bench", "server", "--participants", "2", "--connections", "1", "--duration", "1", "--warmup", "0");
        Assert.True(exit == 0, err);
        Assert.Contains("accepted orders", stdout, StringComparison.Ordinal);
        Assert.Contains("p99", stdout, StringComparison.Ordinal);
        Assert.Contains("orders/s", stdout, StringComparison.Ordinal);
    }
}
