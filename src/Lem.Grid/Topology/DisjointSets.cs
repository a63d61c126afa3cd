namespace Lem.Grid.Topology;

/// <summary>
/// Union–find over 0…n−1 with path halving; the smaller root wins a union, so groups number in order of their first
/// member. Used to merge buses (closed switches, zero-impedance branches) and to find islands.
/// </summary>
internal sealed class DisjointSets
{
    private readonly int[] _parent;

    public DisjointSets(int count) => _parent = Enumerable.Range(0, count).ToArray();

    /// <summary>The root of <paramref name="i"/>'s set.</summary>
    public int Find(int i)
    {
        while (_parent[i] != i)
        {
            _parent[i] = _parent[_parent[i]];
            i = _parent[i];
        }

        return i;
    }

    /// <summary>Joins the sets of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra != rb)
        {
            _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
