namespace Lem.Cluster;

/// <summary>One measured run of <see cref="ClusterBench"/>.</summary>
/// <param name="Mechanism">The mechanism (exchange, p2p, community).</param>
/// <param name="Agents">The participants with assets (the outside market comes on top for exchange and P2P).</param>
/// <param name="Silos">The silos the agents ran on; 0 for the in-process engine.</param>
/// <param name="Seconds">Wall time of the clearing (cluster start-up excluded), s.</param>
/// <param name="Iterations">ADMM iterations.</param>
/// <param name="Messages">Messages (the call filter's count over grains, the loop's own in process).</param>
/// <param name="Bytes">Encoded bytes of those messages.</param>
/// <param name="GrainCalls">Agent grain calls (0 in process).</param>
/// <param name="WelfareGap">|W − W_pool| / |W_pool| against the centralised pool on copper plate.</param>
/// <param name="Status">The run's convergence status.</param>
/// <param name="Transport">in-process, agent-grains (one grain call per agent and message) or silo-hosts (one call per silo and round).</param>
/// <param name="PoolSeconds">Wall time of the centralised pool clearing the gap is measured against, s.</param>
public sealed record ClusterBenchRow(string Mechanism, int Agents, int Silos, double Seconds, int Iterations, long Messages, long Bytes, long GrainCalls, double WelfareGap, string Status, string Transport, double PoolSeconds);
