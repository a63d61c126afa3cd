using System.Collections.Immutable;

namespace Lem.Grid.Topology;

/// <summary>The connectivity of a solver network: its islands, which reach a slack bus, and whether it is radial.</summary>
/// <param name="Islands">The connected components, ordered by their lowest solver bus index.</param>
/// <param name="IslandOfBus">The island number of each solver bus.</param>
/// <param name="UnreachableBusIds">The user ids of the solver buses in islands without a slack bus, in solver order.</param>
public sealed record TopologyReport(ImmutableArray<Island> Islands, ImmutableArray<int> IslandOfBus, ImmutableArray<BusId> UnreachableBusIds)
{
    /// <summary>True when every island is a tree (each has exactly one branch fewer than buses).</summary>
    public bool IsRadial => Islands.All(i => i.IsTree);

    /// <summary>True when the network is one island.</summary>
    public bool IsConnected => Islands.Length == 1;

    /// <summary>True when every bus can be reached from a slack bus.</summary>
    public bool AllReachable => UnreachableBusIds.IsEmpty && Islands.All(i => i.HasSlack);
}
