using System.Collections.Immutable;
using Lem.Grid.Topology;

namespace Lem.Grid.Formulations;

/// <summary>
/// A radial feeder as a tree rooted at its single slack bus (the substation), as the DistFlow formulations
/// (<see cref="LinDistFlowFormulation"/>, <see cref="SocDistFlowFormulation"/>) and their price decompositions need it:
/// the parent of every bus, the branch to the parent and whether that branch is oriented parent → child.
/// </summary>
public sealed class DistributionFeeder
{
    private DistributionFeeder(NetworkIndex index, int root, int[] parent, int[] parentBranch, int[] order)
    {
        Index = index;
        Root = root;
        Parent = [.. parent];
        ParentBranch = [.. parentBranch];
        Order = [.. order];
        var forward = new bool[index.BusCount];
        var children = new List<int>[index.BusCount];
        for (var i = 0; i < index.BusCount; i++)
        {
            children[i] = [];
        }

        foreach (var bus in order)
        {
            if (bus != root)
            {
                forward[bus] = index.FromIndex[parentBranch[bus]] == parent[bus];
                children[parent[bus]].Add(bus);
            }
        }

        ParentBranchIsForward = [.. forward];
        Children = [.. children.Select(c => c.ToImmutableArray())];

        var tapSquared = new double[index.BranchCount];
        var gp = new double[index.BusCount];
        var gq = new double[index.BusCount];
        for (var i = 0; i < index.BusCount; i++)
        {
            gp[i] = index.GShPu[i];
            gq[i] = -index.BShPu[i];
        }

        for (var k = 0; k < index.BranchCount; k++)
        {
            var tap = index.TapRatio[k] == 0 ? 1.0 : index.TapRatio[k];
            tapSquared[k] = tap * tap;
            int f = index.FromIndex[k], t = index.ToIndex[k];
            gp[f] += index.GPu[k] / (2 * tapSquared[k]);
            gq[f] -= index.BPu[k] / (2 * tapSquared[k]);
            gp[t] += index.GPu[k] / 2;
            gq[t] -= index.BPu[k] / 2;
        }

        TapSquared = [.. tapSquared];
        ShuntPPerV = [.. gp];
        ShuntQPerV = [.. gq];
    }

    /// <summary>The network the feeder was built from.</summary>
    public NetworkIndex Index { get; }

    /// <summary>The solver index of the root (the slack bus).</summary>
    public int Root { get; }

    /// <summary>The parent of each bus (−1 for the root).</summary>
    public ImmutableArray<int> Parent { get; }

    /// <summary>The branch joining each bus to its parent (−1 for the root).</summary>
    public ImmutableArray<int> ParentBranch { get; }

    /// <summary>Whether the parent branch of each bus has its from end at the parent (false for the root).</summary>
    public ImmutableArray<bool> ParentBranchIsForward { get; }

    /// <summary>The children of each bus.</summary>
    public ImmutableArray<ImmutableArray<int>> Children { get; }

    /// <summary>The buses in breadth-first order from the root (every parent before its children).</summary>
    public ImmutableArray<int> Order { get; }

    /// <summary>The squared off-nominal tap ratio τ² of each branch (1 for lines; a ratio of 0 counts as 1, as in MATPOWER).</summary>
    public ImmutableArray<double> TapSquared { get; }

    /// <summary>
    /// The active power (p.u.) drawn at each bus per unit of squared voltage v = |V|² by its shunt elements: the bus shunt
    /// conductance plus half the conductance of each branch ending there (divided by τ² at a from end).
    /// </summary>
    public ImmutableArray<double> ShuntPPerV { get; }

    /// <summary>
    /// The reactive power (p.u.) drawn at each bus per unit of squared voltage by its shunt elements: −(bus shunt
    /// susceptance) minus half the charging susceptance of each branch ending there (divided by τ² at a from end).
    /// </summary>
    public ImmutableArray<double> ShuntQPerV { get; }

    /// <summary>Whether any bus has a shunt element (bus shunt or branch charging/conductance).</summary>
    public bool HasShuntElements => ShuntPPerV.Any(g => g != 0) || ShuntQPerV.Any(b => b != 0);

    /// <summary>
    /// Returns why <paramref name="index"/> is not a radial feeder with one slack bus (no slack, several slacks, more than
    /// one island, a loop), or null when it is one.
    /// </summary>
    public static string? WhyNotRadial(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.BusCount == 0)
        {
            return "The network has no in-service bus.";
        }

        if (index.SlackIndices.Length == 0)
        {
            return "The network has no slack bus; a DistFlow feeder is fed from one substation (slack) bus.";
        }

        if (index.SlackIndices.Length > 1)
        {
            return $"The network has {index.SlackIndices.Length} slack buses ({string.Join(", ", index.SlackIndices.Select(s => index.BusIds[s]))}); " +
                "a DistFlow feeder is fed from exactly one substation (slack) bus.";
        }

        var topology = GridTopology.Analyze(index);
        if (!topology.IsConnected)
        {
            return $"The network has {topology.Islands.Length} islands; a DistFlow feeder must be one connected tree.";
        }

        if (!topology.IsRadial)
        {
            return $"The network is meshed ({index.BranchCount} in-service branches for {index.BusCount} buses; a radial feeder has one branch fewer " +
                "than buses). DistFlow eliminates voltage angles, which is exact only on a tree; use the dc or ac formulation.";
        }

        return null;
    }

    /// <summary>Builds the tree of a radial network with one slack bus.</summary>
    /// <exception cref="ArgumentException">When the network is not such a feeder (the message says why).</exception>
    public static DistributionFeeder Build(NetworkIndex index)
    {
        var why = WhyNotRadial(index);
        if (why is not null)
        {
            throw new ArgumentException(why, nameof(index));
        }

        var n = index.BusCount;
        var incidence = new BusIncidence(index);
        var root = index.SlackIndices[0];
        var parent = new int[n];
        var parentBranch = new int[n];
        Array.Fill(parent, -1);
        Array.Fill(parentBranch, -1);
        var visited = new bool[n];
        var order = new List<int>(n) { root };
        visited[root] = true;
        for (var head = 0; head < order.Count; head++)
        {
            var bus = order[head];
            foreach (var k in incidence.At(bus))
            {
                var other = index.FromIndex[k] == bus ? index.ToIndex[k] : index.FromIndex[k];
                if (!visited[other])
                {
                    visited[other] = true;
                    parent[other] = bus;
                    parentBranch[other] = k;
                    order.Add(other);
                }
            }
        }

        return new DistributionFeeder(index, root, parent, parentBranch, [.. order]);
    }

    /// <summary>The buses on the path from <paramref name="bus"/> up to the root, starting with <paramref name="bus"/> and ending with the root.</summary>
    public IEnumerable<int> PathToRoot(int bus)
    {
        for (var b = bus; b >= 0; b = Parent[b])
        {
            yield return b;
        }
    }
}
