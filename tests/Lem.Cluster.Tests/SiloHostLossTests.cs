using Lem.Domain.Progress;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Scenarios;
using Lem.Testing;
using Orleans.TestingHost;

namespace Lem.Cluster.Tests;

/// <summary>
/// The batched transport keeps each silo's agents in one host grain, without a replay log: when a silo holding a host
/// dies mid-run, the coordinator grain reports the run lost and the caller starts it again on the live silos
/// (docs/cluster.md#the-coordinator-as-a-grain). A three-silo TestCluster with Lem's failure detection; the village
/// cleared by P2P over silo hosts; a silo that holds agents but not the coordinator killed after 10 iterations; the
/// result equals the in-process run.
/// </summary>
[Trait("Category", "Heavy")]
public sealed class SiloHostLossTests : IAsyncLifetime
{
    private readonly ClusterFixture _fixture = ClusterFixture.Create(3, failover: true);

    private TestCluster Cluster => _fixture.Cluster;

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_run_over_silo_hosts_restarts_on_the_live_silos_when_one_dies()
    {
        var loaded = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json"));
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var village = loaded.Scenario!;
        var p2p = (AdmmMechanism)ClearingMechanisms.Get("p2p");
        var inProcess = p2p.Run(village);

        var iterations = new IterationWatch();
        var options = DistributedOptions.Default with
        {
            Admm = DistributedOptions.Default.Admm with { Progress = iterations },
            P2pAdmm = DistributedOptions.Default.P2pAdmm with { Progress = iterations },
        };
        var host = new GrainCoordinatorHost(Cluster.Client, GrainTransport.SiloHosts);
        var notes = new List<string>();
        host.Note += note =>
        {
            lock (notes)
            {
                notes.Add(note);
            }
        };
        var run = host.CoordinateAsync(p2p, village, options);

        // Kill (by condition) once the iterations run: a secondary silo (the primary holds the test membership) that
        // is not the coordinator's. Hosts are placed one per silo, so it holds agents.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (iterations.Done < 10 && !run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(run.IsCompleted, "the run ended before the kill");
        Assert.True(iterations.Done >= 10, $"{iterations.Done} iterations after 3 minutes");
        var victim = Cluster.SecondarySilos.First(s => !s.SiloAddress.Equals(host.CoordinatorSilo));
        await Cluster.KillSiloAsync(victim);

        var result = await run.WaitAsync(TimeSpan.FromMinutes(10));
        var text = string.Join(Environment.NewLine, notes);
        Assert.True(result.Restarts >= 1, text);
        Assert.Contains(notes, n => n.Contains("lost agents it could not rebuild", StringComparison.Ordinal));
        Assert.Equal(2, result.SilosUsed);
        Assert.True(Math.Abs((double)(result.Result.WelfareEur - inProcess.WelfareEur)) <= 1e-9 * Math.Abs((double)inProcess.WelfareEur), $"welfare {result.Result.WelfareEur} vs {inProcess.WelfareEur}; {text}");
        Assert.Equal(inProcess.Iterations, result.Result.Iterations);
        Assert.Equal(inProcess.Messages, result.Messages);
        Assert.Equal(inProcess.Bytes, result.Bytes);
    }

    /// <summary>The last iteration a progress report named (thread-safe).</summary>
    private sealed class IterationWatch : IProgress<ProgressUpdate>
    {
        private long _done;

        public long Done => Interlocked.Read(ref _done);

        public void Report(ProgressUpdate value) => Interlocked.Exchange(ref _done, value.Done);
    }
}
