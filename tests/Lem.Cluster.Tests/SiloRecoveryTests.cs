using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lem.Cluster;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Cluster.Tests;

/// <summary>
/// <c>lem silo</c> and <c>lem run --engine orleans --cluster</c> as real processes on loopback over the test
/// PostgreSQL (docs/cluster.md#recovery): three silos host the village's coordinator and agents; while the ADMM
/// iterations run, one of them is killed with SIGKILL. A silo hosting agents but not the coordinator: the run completes
/// on the two others with the in-process engine's result, after replaying the lost agents' logs. The coordinator's
/// silo: the run starts again under a new coordinator on the two others (docs/cluster.md#the-coordinator-as-a-grain),
/// with the same result.
/// </summary>
[Trait("Category", "Heavy")]
public sealed partial class SiloRecoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Start = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(25);

    [PostgresFact]
    public Task Exchange_survives_a_killed_silo() => RunWithKilledSilo("exchange", killCoordinator: false);

    [PostgresFact]
    public Task P2p_survives_a_killed_silo() => RunWithKilledSilo("p2p", killCoordinator: false);

    [PostgresFact]
    public Task Exchange_survives_the_loss_of_its_coordinators_silo() => RunWithKilledSilo("exchange", killCoordinator: true);

    private async Task RunWithKilledSilo(string mechanism, bool killCoordinator)
    {
        var village = RepoPaths.InRepo("examples", "village", "scenario.json");
        using var pg = TestPostgres.CreateDatabase();

        // The reference: the in-process engine, through the same command.
        using var reference = await LemProcess.RunAsync(RunLimit, "run", village, "--mechanism", mechanism, "--format", "json");
        Assert.True(reference.ExitCode == 0, reference.Error);
        var expected = JsonNode.Parse(reference.Output)!;

        var silos = new List<(LemProcess Process, int Port)>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var port = LemProcess.FreePort();
                var silo = LemProcess.Start("silo", "--cluster", pg.ConnectionString, "--port", port.ToString(CultureInfo.InvariantCulture), "--gateway-port", LemProcess.FreePort().ToString(CultureInfo.InvariantCulture));
                silos.Add((silo, port));
                Assert.True(await silo.WaitForOutputAsync("lem silo: joined", Start), $"silo {i} did not join: {silo.Output} {silo.Error}");
            }

            await using var observer = await ExternalCluster.ConnectAsync(pg.ConnectionString);
            var management = observer.Client.GetGrain<IManagementGrain>(0);
            using var run = LemProcess.Start("run", village, "--mechanism", mechanism, "--engine", "orleans", "--cluster", pg.ConnectionString, "--format", "json");

            // Wait (by condition) until the iterations run (household h01's agent has answered 10 messages) and the
            // agents are placed on the three silos; kill the coordinator's silo, or the other silo hosting the most agents.
            var deadline = DateTime.UtcNow + Start;
            Dictionary<int, int> perSilo = [];
            long answered = 0;
            var coordinatorPort = 0;
            while (DateTime.UtcNow < deadline && !run.HasExited)
            {
                if (RunId().Match(run.Error) is { Success: true } id && Coordinator().Match(run.Error) is { Success: true } coordinator)
                {
                    coordinatorPort = int.Parse(coordinator.Groups["port"].Value, CultureInfo.InvariantCulture);
                    answered = await observer.Client.GetGrain<IAgentGrain>($"{id.Groups["id"].Value}/h01").Answered();
                    var stats = await management.GetSimpleGrainStatistics();
                    perSilo = stats.Where(s => s.GrainType.Contains(nameof(AgentGrain), StringComparison.Ordinal)).GroupBy(s => s.SiloAddress.Endpoint.Port).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
                    if (answered >= 10 && perSilo.Count == 3)
                    {
                        break;
                    }
                }

                await Task.Delay(200);
            }

            Assert.True(answered >= 10 && perSilo.Count == 3, $"the iterations did not start on three silos: {answered} answered; {string.Join(", ", perSilo)}; {run.Error}");
            Assert.Contains(coordinatorPort, perSilo.Keys);
            var victimPort = killCoordinator ? coordinatorPort : perSilo.Where(kv => kv.Key != coordinatorPort).MaxBy(kv => kv.Value).Key;
            var victim = silos.Single(s => s.Port == victimPort).Process;
            Assert.False(run.HasExited, $"the run ended before the kill: {run.Error}");
            var killedAt = DateTime.UtcNow;
            victim.KillHard();
            output.WriteLine($"killed the silo on port {victimPort} hosting {perSilo[victimPort]} of {perSilo.Values.Sum()} agent grains{(killCoordinator ? " and the coordinator" : string.Empty)}");

            await run.WaitAsync(RunLimit);
            output.WriteLine(run.Error);
            output.WriteLine($"run ended {(DateTime.UtcNow - killedAt).TotalSeconds:F1} s after the kill");
            Assert.True(run.ExitCode == 0, run.Error);
            var actual = JsonNode.Parse(run.Output)!;

            // The same result as in process: welfare (1e-9 relative), iterations, messages and every price.
            var w0 = expected["welfare_eur"]!.GetValue<double>();
            var w1 = actual["welfare_eur"]!.GetValue<double>();
            Assert.NotEqual(0, w0);
            Assert.True(Math.Abs(w1 - w0) <= 1e-9 * Math.Abs(w0), $"welfare {w1} after the kill vs {w0} in process");
            Assert.Equal(expected["iterations"]!.GetValue<int>(), actual["iterations"]!.GetValue<int>());
            Assert.Equal(expected["messages"]!.GetValue<long>(), actual["messages"]!.GetValue<long>());
            var p0 = expected["prices"]!.AsArray();
            var p1 = actual["prices"]!.AsArray();
            Assert.Equal(p0.Count, p1.Count);
            for (var t = 0; t < p0.Count; t++)
            {
                var a = p0[t]!["max_eur_per_mwh"]!.GetValue<double>();
                var b = p1[t]!["max_eur_per_mwh"]!.GetValue<double>();
                Assert.True(Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a)), $"slot {t}: price {b} after the kill vs {a} in process");
            }

            // The call filter counted the run's messages only (not the replays, not the failed calls, not a lost
            // coordinator's). A lost agent was rebuilt and replayed; a lost coordinator was started again elsewhere.
            var figures = Figures().Match(run.Error);
            Assert.True(figures.Success, run.Error);
            Assert.Equal(expected["messages"]!.GetValue<long>(), long.Parse(figures.Groups["messages"].Value, CultureInfo.InvariantCulture));
            var restarts = int.Parse(figures.Groups["restarts"].Value, CultureInfo.InvariantCulture);
            if (killCoordinator)
            {
                Assert.True(restarts >= 1, run.Error);
                Assert.NotEqual(victimPort, int.Parse(figures.Groups["port"].Value, CultureInfo.InvariantCulture));
            }
            else
            {
                Assert.Equal(0, restarts);
                Assert.Equal(coordinatorPort, int.Parse(figures.Groups["port"].Value, CultureInfo.InvariantCulture));
                Assert.True(long.Parse(figures.Groups["recovered"].Value, CultureInfo.InvariantCulture) > 0, run.Error);
                Assert.True(long.Parse(figures.Groups["replayed"].Value, CultureInfo.InvariantCulture) > 0, run.Error);
            }
        }
        finally
        {
            foreach (var (process, _) in silos)
            {
                process.Dispose();
            }
        }
    }

    [GeneratedRegex(@"Orleans: run (?<id>[0-9a-f]{32}) on")]
    private static partial Regex RunId();

    [GeneratedRegex(@"grain calls, (?<messages>\d+) messages, \d+ bytes \(call filter\); (?<recovered>\d+) agents recovered, (?<replayed>\d+) messages replayed, \d+ failed calls; coordinator on silo S127\.0\.0\.1:(?<port>\d+):\d+, (?<restarts>\d+) restarts")]
    private static partial Regex Figures();

    [GeneratedRegex(@"Orleans: coordinator [0-9a-f]{32} runs on silo S127\.0\.0\.1:(?<port>\d+):")]
    private static partial Regex Coordinator();
}
