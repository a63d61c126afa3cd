namespace Lem.Grid.Indexing;

/// <summary>
/// The branches incident to each solver bus in compressed sparse row form: the branches at bus i are
/// <see cref="Branches"/>[<see cref="Starts"/>[i] .. <see cref="Starts"/>[i + 1]), in ascending branch order (a branch
/// from a bus to itself is listed twice). Built by counting, in O(buses + branches).
/// </summary>
internal sealed class BusIncidence
{
    /// <summary>Builds the incidence of a network's branches.</summary>
    public BusIncidence(NetworkIndex index)
    {
        int n = index.BusCount, m = index.BranchCount;
        var starts = new int[n + 1];
        for (var k = 0; k < m; k++)
        {
            starts[index.FromIndex[k] + 1]++;
            starts[index.ToIndex[k] + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            starts[i + 1] += starts[i];
        }

        var branches = new int[2 * m];
        var fill = starts[..n];
        for (var k = 0; k < m; k++)
        {
            branches[fill[index.FromIndex[k]]++] = k;
            branches[fill[index.ToIndex[k]]++] = k;
        }

        Starts = starts;
        Branches = branches;
    }

    /// <summary>Where each bus's branches start in <see cref="Branches"/>; length bus count + 1.</summary>
    public int[] Starts { get; }

    /// <summary>The incident branch of each entry.</summary>
    public int[] Branches { get; }

    /// <summary>The branches incident to <paramref name="bus"/>.</summary>
    public ReadOnlySpan<int> At(int bus) => Branches.AsSpan(Starts[bus], Starts[bus + 1] - Starts[bus]);
}
