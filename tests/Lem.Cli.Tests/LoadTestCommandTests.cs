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
            Assert.Equal(accepted / report["elapsed_s"]!.GetValue<double>(), report["orders_per_second"]!.GetValue<double>(), 0);
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
