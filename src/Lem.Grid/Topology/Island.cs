using System.Collections.Immutable;

namespace Lem.Grid.Topology;

/// <summary>One connected component of the solver network.</summary>
/// <param name="Number">The island's position in <see cref="TopologyReport.Islands"/>.</param>
/// <param name="BusIndices">The solver bus indices of the island, ascending.</param>
/// <param name="BranchCount">The number of in-service branches inside the island (parallel branches each count).</param>
/// <param name="HasSlack">Whether the island contains a slack bus.</param>
public sealed record Island(int Number, ImmutableArray<int> BusIndices, int BranchCount, bool HasSlack)
{
    /// <summary>True when the island is a tree: exactly one branch fewer than buses (no loops, no parallel branches).</summary>
    public bool IsTree => BranchCount == BusIndices.Length - 1;
}
