using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Lem.Cli.Commands;

namespace Lem.Cli.Tests;

public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("--urls", "ftp://127.0.0.1:21")]
    [InlineData("--urls", "127.0.0.1")]
    [InlineData("--rate-limit", "0")]
    [InlineData("--max-body-bytes", "10")]
    [InlineData("--operator-key", "short")]
    [InlineData("--max-open-orders", "0")]
    public void Bad_options_give_exit_1_naming_the_option(string option, string value)
    {
        var (exit, _, err) = CliRunner.Run("serve", "--data", Path.Combine(Path.GetTempPath(), "lem-serve-unused"), option, value);
        Assert.Equal(1, exit);
        Assert.Contains(option, err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(err);
    }

    [Fact]
    public async Task Serve_prints_the_generated_operator_key_once_and_it_works_against_the_api()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-serve-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var first = await Serve(dir, async (report, http) =>
            {
                var key = report["operator_key"]!.GetValue<string>();
                Assert.Equal(key, File.ReadAllText(Path.Combine(dir, "operator.key")).Trim());
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/markets")
                {
                    Content = new StringContent("""{"market_id":"m","mechanism":"call_auction","delivery_start":"2030-01-01T00:00:00Z","slot_minutes":60,"slot_count":2,"gate_closure_lead_minutes":30}""", System.Text.Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                Assert.Equal(201, (int)(await http.SendAsync(request)).StatusCode);

                // --max-open-orders is the cap of a market created without one, and it is stored with the market.
                var created = JsonNode.Parse(await http.GetStringAsync("/v1/markets"))!;
                Assert.Equal(7, created["markets"]![0]!["max_open_orders_per_participant"]!.GetValue<int>());
            }, maxOpenOrders: 7);
            Assert.Equal(0, first.Exit);

            // Second start: the key is not printed again and the market was recovered.
            var second = await Serve(dir, async (report, http) =>
            {
                Assert.Null(report["operator_key"]);
                Assert.Equal(1, report["replayed_commands"]!.GetValue<long>());
                var markets = JsonNode.Parse(await http.GetStringAsync("/v1/markets"))!;
                Assert.Equal("m", markets["markets"]![0]!["market_id"]!.GetValue<string>());
                Assert.Equal(7, markets["markets"]![0]!["max_open_orders_per_participant"]!.GetValue<int>());
            });
            Assert.Equal(0, second.Exit);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static async Task<(int Exit, string Err)> Serve(string dir, Func<JsonNode, HttpClient, Task> check, int maxOpenOrders = Lem.Server.ServerOptions.DefaultMaxOpenOrdersPerParticipant)
    {
        var stdout = new ReportWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        var context = new CliContext(stdout, stderr);
        var run = Task.Run(() => ServeCommand.RunAsync(context, new ServeSettings(dir, "http://127.0.0.1:0", null, 1000, 65536, "json", MaxOpenOrdersPerParticipant: maxOpenOrders), stop.Token));
        var ready = await Task.WhenAny(stdout.Report.Task, run);
        Assert.True(ready == stdout.Report.Task, $"lem serve stopped early: {stderr}");
        var report = JsonNode.Parse(await stdout.Report.Task)!;
        using (var http = new HttpClient { BaseAddress = new Uri(report["listening"]![0]!.GetValue<string>()) })
        {
            await check(report, http);
        }

        await stop.CancelAsync();
        return (await run, stderr.ToString());
    }

    private sealed class ReportWriter : StringWriter
    {
        public TaskCompletionSource<string> Report { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            Report.TrySetResult(value ?? string.Empty);
        }
    }
}
