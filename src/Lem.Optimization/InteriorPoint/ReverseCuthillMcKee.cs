namespace Lem.Optimization.InteriorPoint;

/// <summary>
/// Reverse Cuthill–McKee ordering of a symmetric pattern: a breadth-first numbering from a pseudo-peripheral node,
/// neighbours by increasing degree, reversed. It keeps the nonzeros of a matrix close to its diagonal, so that the
/// normal equations of time-coupled problems (storage chains, one row per slot) factor as a narrow band.
/// </summary>
internal static class ReverseCuthillMcKee
{
    /// <summary>The new position of every node; <paramref name="include"/> selects the nodes to order (others get −1).</summary>
    public static int[] Order(IReadOnlyList<List<int>> adjacency, bool[] include)
    {
        var n = adjacency.Count;
        var position = new int[n];
        Array.Fill(position, -1);
        var degree = new int[n];
        for (var i = 0; i < n; i++)
        {
            degree[i] = include[i] ? adjacency[i].Count(k => include[k]) : 0;
        }

        var visited = new bool[n];
        var order = new List<int>(n);
        var queue = new Queue<int>();
        var neighbours = new List<int>();
        while (true)
        {
            var seed = -1;
            for (var i = 0; i < n; i++)
            {
                if (include[i] && !visited[i] && (seed < 0 || degree[i] < degree[seed]))
                {
                    seed = i;
                }
            }

            if (seed < 0)
            {
                break;
            }

            seed = PseudoPeripheral(adjacency, include, degree, seed);
            visited[seed] = true;
            queue.Enqueue(seed);
            while (queue.Count > 0)
            {
                var i = queue.Dequeue();
                order.Add(i);
                neighbours.Clear();
                foreach (var k in adjacency[i])
                {
                    if (include[k] && !visited[k])
                    {
                        visited[k] = true;
                        neighbours.Add(k);
                    }
                }

                neighbours.Sort((a, b) => degree[a] != degree[b] ? degree[a].CompareTo(degree[b]) : a.CompareTo(b));
                foreach (var k in neighbours)
                {
                    queue.Enqueue(k);
                }
            }
        }

        for (var p = 0; p < order.Count; p++)
        {
            position[order[p]] = order.Count - 1 - p;
        }

        return position;
    }

    /// <summary>George–Liu: repeat breadth-first searches from the farthest node of least degree while the depth grows.</summary>
    private static int PseudoPeripheral(IReadOnlyList<List<int>> adjacency, bool[] include, int[] degree, int start)
    {
        var node = start;
        var (depth, far) = Levels(adjacency, include, degree, node);
        for (var round = 0; round < 8; round++)
        {
            var (nextDepth, nextFar) = Levels(adjacency, include, degree, far);
            if (nextDepth <= depth)
            {
                break;
            }

            node = far;
            depth = nextDepth;
            far = nextFar;
        }

        return node;
    }

    private static (int Depth, int Farthest) Levels(IReadOnlyList<List<int>> adjacency, bool[] include, int[] degree, int start)
    {
        var level = new Dictionary<int, int> { [start] = 0 };
        var queue = new Queue<int>();
        queue.Enqueue(start);
        var depth = 0;
        var farthest = start;
        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            var li = level[i];
            if (li > depth || (li == depth && degree[i] < degree[farthest]))
            {
                depth = li;
                farthest = i;
            }

            foreach (var k in adjacency[i])
            {
                if (include[k] && level.TryAdd(k, li + 1))
                {
                    queue.Enqueue(k);
                }
            }
        }

        return (depth, farthest);
    }
}
