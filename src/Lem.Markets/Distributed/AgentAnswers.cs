namespace Lem.Markets.Distributed;

/// <summary>The sharing loops' reading of the agents' answers (exchange, community, and both with the grid agent).</summary>
internal static class AgentAnswers
{
    /// <summary>Counts each answer and copies its injection per slot into <paramref name="x"/>[i].</summary>
    /// <exception cref="InvalidOperationException">When an answer does not hold one value per slot.</exception>
    public static void Collect(IReadOnlyList<IAgent> agents, AgentMessage[] responses, Func<AgentMessage, IReadOnlyList<double>> read, int slots, MessageCounter counter, double[][] x)
    {
        for (var i = 0; i < agents.Count; i++)
        {
            counter.Add(1, responses[i].EncodedBytes);
            var values = read(responses[i]);
            if (values.Count != slots)
            {
                throw new InvalidOperationException($"Agent '{agents[i].AgentId}' answered with {values.Count} values for {slots} slots.");
            }

            for (var t = 0; t < slots; t++)
            {
                x[i][t] = values[t];
            }
        }
    }
}
