using System.Diagnostics;
using Lem.Grid.Formulations;
using Lem.Markets.Assets;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios.Examples;

namespace Lem.Cluster;

/// <summary>
/// <c>lem bench cluster</c> (docs/cluster.md#measured-figures): a synthetic community of households (loads and PV of
/// <see cref="SyntheticCommunity"/>, batteries and EVs left out unless asked for, so each local step is closed-form and
/// the figure measures the coordination and its transport) × 96 slots, cleared in process and over 1, 2, 4 … silos of
/// an in-process cluster (by default one host grain per silo, docs/cluster.md#batched-rounds); the welfare gap is to
/// the centralised pool on copper plate.
/// </summary>
public static class ClusterBench
{
    /// <summary>The synthetic market of <paramref name="agents"/> households over one day of 15-minute slots.</summary>
    public static Scenario Market(int agents, bool withStorage = false)
    {
        var s = SyntheticCommunity.Create(agents, null);
        return withStorage ? s : s with { Participants = [.. s.Participants.Select(p => p with { Assets = [.. p.Assets.Where(a => a is InflexibleLoad or RenewableGenerator)] })] };
    }

    /// <summary>Measures every mechanism × size × silo count (silo count 0: the in-process engine), calling <paramref name="report"/> after each run.</summary>
    public static async Task<IReadOnlyList<ClusterBenchRow>> RunAsync(IReadOnlyList<string> mechanisms, IReadOnlyList<int> sizes, IReadOnlyList<int> siloCounts, bool withStorage, Action<ClusterBenchRow>? report = null, GrainTransport transport = GrainTransport.SiloHosts, int? maxIterations = null)
    {
        var options = DistributedOptions.Default;
        if (maxIterations is { } cap)
        {
            // A cap on the iterations measures the cost of a round at sizes whose full run would take too long.
            options = options with { Admm = options.Admm with { MaxIterations = cap }, P2pAdmm = options.P2pAdmm with { MaxIterations = cap } };
        }

        ArgumentNullException.ThrowIfNull(mechanisms);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(siloCounts);
        var rows = new List<ClusterBenchRow>();
        foreach (var size in sizes)
        {
            var market = Market(size, withStorage);
            var poolClock = Stopwatch.StartNew();
            var pool = PoolClearing.Clear(market, new CopperPlateFormulation());
            var poolSeconds = poolClock.Elapsed.TotalSeconds;
            var poolWelfare = (double)pool.WelfareEur;
            double Gap(DistributedResult r) => Math.Abs((double)r.WelfareEur - poolWelfare) / Math.Max(1e-9, Math.Abs(poolWelfare));
            foreach (var silos in siloCounts)
            {
                InProcessCluster? cluster = silos > 0 ? await InProcessCluster.StartAsync(silos).ConfigureAwait(false) : null;
                try
                {
                    foreach (var mechanism in mechanisms)
                    {
                        var admm = (AdmmMechanism)ClearingMechanisms.Get(mechanism);
                        var clock = Stopwatch.StartNew();
                        ClusterBenchRow row;
                        if (cluster is null)
                        {
                            var r = admm.Run(market, options);
                            row = new ClusterBenchRow(mechanism, size, 0, clock.Elapsed.TotalSeconds, r.Iterations, r.Messages, r.Bytes, 0, Gap(r), r.Status.ToString(), "in-process", poolSeconds);
                        }
                        else
                        {
                            var run = await ClusterClearing.RunAsync(cluster.Client, market, mechanism, options, transport: transport).ConfigureAwait(false);
                            var r = run.Result;
                            row = new ClusterBenchRow(mechanism, size, silos, clock.Elapsed.TotalSeconds, r.Iterations, run.Messages, run.Bytes, run.GrainCalls, Gap(r), r.Status.ToString(), transport == GrainTransport.SiloHosts ? "silo-hosts" : "agent-grains", poolSeconds);
                        }

                        rows.Add(row);
                        report?.Invoke(row);
                    }
                }
                finally
                {
                    if (cluster is not null)
                    {
                        await cluster.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }

        return rows;
    }
}
