namespace Lem.Cluster;

/// <summary>
/// The agents of one run on one silo, keyed "run/host-k" (docs/cluster.md#batched-rounds): it builds its agents when
/// opened (their private data stays in this activation, on its silo) and answers a round's messages to all of them in
/// one call.
/// </summary>
public interface IAgentHostGrain : IGrainWithStringKey
{
    /// <summary>Builds the agents of <paramref name="specs"/> in the host's next slots (from slot <paramref name="first"/>); opening the same slots again does nothing.</summary>
    /// <exception cref="AgentActivationLostException">When the earlier slots are missing: the activation was lost and created again empty.</exception>
    [ResponseTimeout("00:30:00")]
    Task Open(int first, IReadOnlyList<AgentSpec> specs);

    /// <summary>
    /// Answers message i with the agent in slot <c>Agents[i]</c>. One call carries the local steps of all the silo's
    /// agents (thousands of them, or LP solves on a loaded machine), so it may take far longer than Orleans' default
    /// 30-second response timeout of a single agent's call.
    /// </summary>
    /// <exception cref="AgentActivationLostException">When an agent of the batch is missing: the activation was lost and created again empty (the run is then started again, docs/cluster.md#the-coordinator-as-a-grain).</exception>
    [ResponseTimeout("00:30:00")]
    Task<AgentBatchAnswers> Respond(AgentBatch batch);

    /// <summary>The silo the host runs on.</summary>
    Task<string> Silo();
}
