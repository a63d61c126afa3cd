using Lem.Cluster;
using Lem.Markets.Distributed;

namespace Lem.Cluster.Tests;

/// <summary>An agent host whose agents are <see cref="GrainAgent"/> handles on <see cref="FlakyAgentGrain"/>s, failing on cue.</summary>
internal sealed class FlakyAgentHost(Func<string, IReadOnlyDictionary<long, FlakyAgentGrain.Failure>> failures, AgentRecoveryOptions options) : IAgentHost
{
    public ReplayJournal Journal { get; } = new(options);

    public List<FlakyAgentGrain> Grains { get; } = [];

    public IAgent Host(string agentId, Func<IAgent> build)
    {
        var grain = new FlakyAgentGrain(build, failures(agentId));
        lock (Grains)
        {
            Grains.Add(grain);
        }

        return new GrainAgent(grain, new AgentSpec("test", agentId, "exchange", null), Journal);
    }
}
