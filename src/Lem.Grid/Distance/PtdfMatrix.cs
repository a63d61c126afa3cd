namespace Lem.Grid.Distance;

/// <summary>
/// The DC power transfer distribution factors of a connected network (docs/formulations.md#dc-b-theta): the active flow on each
/// branch (from end, p.u.) per p.u. injected at a bus and withdrawn at the reference (slack) bus, the matrix
/// <see cref="PtdfDistances"/> and <see cref="Formulations.DcFormulation"/> use.
/// </summary>
public sealed class PtdfMatrix
{
    private readonly double[] _byBus;

    private PtdfMatrix(double[] byBus, int branches, int reference)
    {
        _byBus = byBus;
        BranchCount = branches;
        ReferenceBus = reference;
    }

    /// <summary>The number of branches (columns of a bus's row).</summary>
    public int BranchCount { get; }

    /// <summary>The solver index of the reference bus (its row is zero).</summary>
    public int ReferenceBus { get; }

    /// <summary>Builds the matrix of a network index.</summary>
    public static PtdfMatrix Build(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var byBus = PtdfDistances.Ptdf(index, out var branches);
        return new PtdfMatrix(byBus, branches, ElectricalDistance.Reference(index));
    }

    /// <summary>∂(flow on every branch)/∂(injection at <paramref name="bus"/>), p.u. per p.u.</summary>
    public ReadOnlySpan<double> OfBus(int bus) => new(_byBus, bus * BranchCount, BranchCount);
}
