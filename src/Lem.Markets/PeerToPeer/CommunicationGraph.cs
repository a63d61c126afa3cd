namespace Lem.Markets.PeerToPeer;

/// <summary>Who may trade with whom in a P2P market: an undirected graph on agent positions 0..N−1 without self-loops.</summary>
public sealed class CommunicationGraph
{
    private readonly int[][] _partners;

    private CommunicationGraph(int agents, int[][] partners)
    {
        AgentCount = agents;
        _partners = partners;
        PairCount = partners.Sum(p => p.Length) / 2;
    }

    /// <summary>The number of agents.</summary>
    public int AgentCount { get; }

    /// <summary>The number of trading pairs (undirected edges).</summary>
    public int PairCount { get; }

    /// <summary>The partners of agent <paramref name="agent"/>, ascending.</summary>
    public IReadOnlyList<int> PartnersOf(int agent) => _partners[agent];

    /// <summary>Every agent trades with every other one.</summary>
    public static CommunicationGraph Complete(int agents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        return new CommunicationGraph(agents, [.. Enumerable.Range(0, agents).Select(n => Enumerable.Range(0, agents).Where(m => m != n).ToArray())]);
    }

    /// <summary>A sparse graph from a list of pairs (either order; duplicates are merged).</summary>
    /// <exception cref="ArgumentException">When a pair names an agent out of range or the same agent twice.</exception>
    public static CommunicationGraph FromPairs(int agents, IEnumerable<(int A, int B)> pairs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        ArgumentNullException.ThrowIfNull(pairs);
        var sets = Enumerable.Range(0, agents).Select(_ => new SortedSet<int>()).ToArray();
        foreach (var (a, b) in pairs)
        {
            if (a < 0 || b < 0 || a >= agents || b >= agents || a == b)
            {
                throw new ArgumentException($"The pair ({a}, {b}) is not a pair of two different agents among {agents}.", nameof(pairs));
            }

            sets[a].Add(b);
            sets[b].Add(a);
        }

        return new CommunicationGraph(agents, [.. sets.Select(s => s.ToArray())]);
    }
}
