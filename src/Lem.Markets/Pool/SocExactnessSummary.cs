namespace Lem.Markets.Pool;

/// <summary>
/// The <c>soc_exactness</c> member of the pool's summary: the cone gaps of the SOC relaxation over all branches and slots
/// (the rows of <c>soc_exactness.csv</c>, docs/formulations.md#soc-distflow).
/// </summary>
/// <param name="File">The file with the gap per branch and slot.</param>
/// <param name="Tolerance">The relative gap up to which a branch counts as exact.</param>
/// <param name="Exact">Whether every branch is exact in every slot.</param>
/// <param name="MaxRelativeGap">The largest relative gap.</param>
/// <param name="MaxAbsGapMva2">The largest |(w_f/τ²)·ℓ − P² − Q²|, MVA².</param>
/// <param name="WorstLine">The branch with the largest relative gap, or null without branches.</param>
/// <param name="WorstSlot">The slot of <see cref="WorstLine"/>'s largest gap, or null without branches.</param>
/// <param name="InexactCount">The (branch, slot) pairs that are not exact.</param>
public sealed record SocExactnessSummary(
    string File,
    double Tolerance,
    bool Exact,
    double MaxRelativeGap,
    double MaxAbsGapMva2,
    string? WorstLine,
    int? WorstSlot,
    int InexactCount)
{
    /// <summary>The name of the file <see cref="PoolReport"/> writes the gaps to.</summary>
    public const string FileName = "soc_exactness.csv";

    /// <summary>The summary of the slots' exactness reports, or null when no slot has one.</summary>
    public static SocExactnessSummary? Of(IReadOnlyList<PoolSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var reports = slots.Where(s => s.SocExactness is not null).Select(s => (s.Index, Report: s.SocExactness!)).ToList();
        if (reports.Count == 0)
        {
            return null;
        }

        var lines = reports.SelectMany(r => r.Report.Lines.Select(l => (Slot: r.Index, Line: l, r.Report.PowerBaseMva))).ToList();
        var worst = lines.Count == 0 ? default : lines.MaxBy(x => x.Line.RelativeGap);
        return new SocExactnessSummary(
            FileName,
            reports[0].Report.Tolerance,
            reports.All(r => r.Report.IsExact),
            lines.Count == 0 ? 0 : worst.Line.RelativeGap,
            lines.Count == 0 ? 0 : lines.Max(x => Math.Abs(x.Line.AbsoluteGapPu) * x.PowerBaseMva * x.PowerBaseMva),
            lines.Count == 0 ? null : worst.Line.BranchId,
            lines.Count == 0 ? null : worst.Slot,
            lines.Count(x => !x.Line.IsExact));
    }
}
