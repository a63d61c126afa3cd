namespace Lem.Cluster;

/// <summary>How a run's agents are reached over the cluster (docs/cluster.md#batched-rounds).</summary>
[GenerateSerializer]
public enum GrainTransport
{
    /// <summary>One grain per agent, one grain call per agent and message (<see cref="OrleansAgentHost"/>).</summary>
    AgentGrains,

    /// <summary>One host grain per silo holding that silo's agents, one grain call per silo and round (<see cref="SiloAgentHost"/>).</summary>
    SiloHosts,
}
