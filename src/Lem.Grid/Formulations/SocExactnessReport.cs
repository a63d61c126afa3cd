namespace Lem.Grid.Formulations;

/// <summary>The run-time exactness check of a <see cref="SocDistFlowFormulation"/> solution (docs/formulations.md#soc-distflow, mandatory).</summary>
/// <param name="Lines">The cone gap of every branch.</param>
/// <param name="Tolerance">The relative gap up to which a branch counts as exact.</param>
/// <param name="PowerBaseMva">The model's power base (<see cref="SocDistFlowPerUnit.PowerBaseMva"/>) the per-unit values refer to.</param>
public sealed record SocExactnessReport(IReadOnlyList<SocLineExactness> Lines, double Tolerance, double PowerBaseMva)
{
    /// <summary>The largest relative gap (0 without branches).</summary>
    public double MaxRelativeGap => Lines.Count == 0 ? 0.0 : Lines.Max(l => l.RelativeGap);

    /// <summary>The largest magnitude of the absolute gaps in p.u.² (0 without branches).</summary>
    public double MaxAbsoluteGapPu => Lines.Count == 0 ? 0.0 : Lines.Max(l => Math.Abs(l.AbsoluteGapPu));

    /// <summary>The branches that are not exact.</summary>
    public IEnumerable<SocLineExactness> InexactLines => Lines.Where(l => !l.IsExact);

    /// <summary>Whether every branch is exact (see <see cref="SocLineExactness.IsExact"/>): the relaxed solution is AC-feasible.</summary>
    public bool IsExact => Lines.All(l => l.IsExact);
}
