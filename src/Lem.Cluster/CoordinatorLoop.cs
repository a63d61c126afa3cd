using System.Globalization;
using Lem.Domain.Progress;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// The work of a coordinator grain (docs/cluster.md#the-coordinator-as-a-grain), on a worker thread of its silo: the
/// run's market from <see cref="CoordinationCatalog"/>, the mechanism's ADMM loop unchanged over agent grains or silo
/// hosts, and the figures of the silo's call filter.
/// </summary>
internal static class CoordinatorLoop
{
    /// <summary>Runs the coordination of <paramref name="spec"/> and returns the run with the counts of <paramref name="counter"/>.</summary>
    /// <exception cref="ArgumentException">When the spec's mechanism is not a distributed one.</exception>
    public static async Task<ClusterRun> RunAsync(IGrainFactory grains, CoordinationSpec spec, string silo, GrainMessageCounter counter, IProgress<ProgressUpdate> progress, Action<string> note)
    {
        var admm = ClearingMechanisms.Get(spec.Mechanism) as AdmmMechanism ?? throw new ArgumentException($"Mechanism '{spec.Mechanism}' is not a distributed (ADMM) mechanism.", nameof(spec));
        var (market, options) = CoordinationCatalog.Resolve(spec);
        options = options with
        {
            CoordinatorHost = null,
            Admm = options.Admm with { Progress = progress },
            P2pAdmm = options.P2pAdmm with { Progress = progress },
        };
        // The attempt's counts are dropped however it ends (a lost attempt's calls count nowhere).
        try
        {
            DistributedResult result;
            string[] silos;
            string[] ids;
            long replayed = 0, recoveries = 0, failed = 0;
            if (spec.Transport == GrainTransport.SiloHosts)
            {
                using var host = await SiloAgentHost.CreateAsync(grains, spec.Mechanism, spec.ScenarioPath, spec.AttemptId, spec.TariffAware, spec.PartnersPerAgent, spec.GridFormulation).ConfigureAwait(false);
                result = admm.Run(market, options with { AgentHost = host });
                silos = await Task.WhenAll(host.Grains.Select(g => g.Silo())).ConfigureAwait(false);
                ids = [.. host.AgentIds];
            }
            else
            {
                using var host = new OrleansAgentHost(grains, spec.Mechanism, spec.ScenarioPath) { RunId = spec.AttemptId, TariffAware = spec.TariffAware, PartnersPerAgent = spec.PartnersPerAgent, GridFormulation = spec.GridFormulation };
                host.Journal.Recovered += (agent, count, failover) => note(string.Create(CultureInfo.InvariantCulture, $"agent '{agent}' lost its activation; rebuilt on a live silo {failover.TotalSeconds:F1} s after the first failed call, {count} messages replayed."));
                result = admm.Run(market, options with { AgentHost = host });
                silos = await Task.WhenAll(host.Grains.Values.Select(g => g.Silo())).ConfigureAwait(false);
                ids = [.. host.Grains.Keys];
                (replayed, recoveries, failed) = (host.Journal.Replayed, host.Journal.Recoveries, host.Journal.FailedCalls);
            }

            var (calls, messages, bytes) = counter.Of(spec.AttemptId);
            return new ClusterRun(result, calls, messages, bytes, silos.Distinct(StringComparer.Ordinal).Count(), ids, replayed, recoveries) { FailedCalls = failed, CoordinatorSilo = silo };
        }
        finally
        {
            counter.Forget(spec.AttemptId);
        }
    }
}
