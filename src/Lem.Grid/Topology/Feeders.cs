namespace Lem.Grid.Topology;

/// <summary>
/// The feeders of a radial network (docs/scenario-format.md#preferences): rooted at the first slack bus, the unbranched
/// path below it (for example the transformer to the low-voltage busbar) ends at the first bus with two or more
/// outgoing branches, the busbar; each branch leaving the busbar starts one feeder, made of every bus below it.
/// The busbar and the buses above it belong to no feeder.
/// </summary>
public sealed class Feeders
{
    private readonly Dictionary<BusId, int> _feederOf;

    private Feeders(Dictionary<BusId, int> feederOf, int count)
    {
        _feederOf = feederOf;
        Count = count;
    }

    /// <summary>The number of feeders.</summary>
    public int Count { get; }

    /// <summary>Why the feeders of <paramref name="network"/> are not defined (meshed, islanded or without a slack bus), or null.</summary>
    public static string? WhyNotDefined(GridNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var index = NetworkIndex.Build(network);
        return WhyNot(index);
    }

    /// <summary>The feeders of a radial network.</summary>
    /// <exception cref="ArgumentException">When they are not defined (<see cref="WhyNotDefined"/> says why).</exception>
    public static Feeders Of(GridNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var index = NetworkIndex.Build(network);
        if (WhyNot(index) is { } why)
        {
            throw new ArgumentException(why, nameof(network));
        }

        var n = index.BusCount;
        var adjacent = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (var b = 0; b < index.BranchCount; b++)
        {
            adjacent[index.FromIndex[b]].Add(index.ToIndex[b]);
            adjacent[index.ToIndex[b]].Add(index.FromIndex[b]);
        }

        // Walk down the unbranched path from the slack to the busbar.
        int parent = -1, bus = index.SlackIndices[0];
        while (adjacent[bus].Count(x => x != parent) == 1)
        {
            var next = adjacent[bus].First(x => x != parent);
            (parent, bus) = (bus, next);
        }

        var feeder = Enumerable.Repeat(-1, n).ToArray();
        var count = 0;
        foreach (var start in adjacent[bus].Where(x => x != parent))
        {
            var stack = new Stack<int>([start]);
            feeder[start] = count;
            while (stack.Count > 0)
            {
                var k = stack.Pop();
                foreach (var m in adjacent[k].Where(m => m != bus && feeder[m] < 0 && m != parent))
                {
                    feeder[m] = count;
                    stack.Push(m);
                }
            }

            count++;
        }

        var map = new Dictionary<BusId, int>();
        for (var k = 0; k < n; k++)
        {
            foreach (var id in index.MembersOf(k))
            {
                map[id] = feeder[k];
            }
        }

        return new Feeders(map, count);
    }

    /// <summary>Whether buses <paramref name="a"/> and <paramref name="b"/> are the same bus or on the same feeder.</summary>
    public bool SameFeeder(BusId a, BusId b) =>
        a == b || (_feederOf.TryGetValue(a, out var fa) && _feederOf.TryGetValue(b, out var fb) && fa >= 0 && fa == fb);

    private static string? WhyNot(NetworkIndex index)
    {
        if (index.SlackIndices.Length == 0)
        {
            return "The grid has no slack bus, so its feeders are not defined.";
        }

        var sets = new DisjointSets(index.BusCount);
        for (var b = 0; b < index.BranchCount; b++)
        {
            if (sets.Find(index.FromIndex[b]) == sets.Find(index.ToIndex[b]))
            {
                return "The grid is meshed, so its feeders are not defined; give 'max_distance_pu' for a local preference.";
            }

            sets.Union(index.FromIndex[b], index.ToIndex[b]);
        }

        return index.BranchCount == index.BusCount - 1 ? null : "The grid is not one connected island, so its feeders are not defined.";
    }
}
