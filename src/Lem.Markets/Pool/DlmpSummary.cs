namespace Lem.Markets.Pool;

/// <summary>
/// The <c>dlmp</c> member of the pool's summary: how many slots have the DLMP decomposition (the rows of
/// <c>dlmp.csv</c>) and the range of each component over all buses and those slots (docs/formulations.md#prices-and-dlmps).
/// </summary>
/// <param name="File">The file with the decomposition per bus and slot.</param>
/// <param name="Slots">The slots with a decomposition.</param>
/// <param name="TotalEurPerMwh">The range of the total (the nodal price).</param>
/// <param name="EnergyEurPerMwh">The range of the energy component.</param>
/// <param name="LossesEurPerMwh">The range of the loss component.</param>
/// <param name="CongestionEurPerMwh">The range of the congestion component.</param>
/// <param name="VoltageEurPerMwh">The range of the voltage component.</param>
public sealed record DlmpSummary(
    string File,
    int Slots,
    DlmpRange TotalEurPerMwh,
    DlmpRange EnergyEurPerMwh,
    DlmpRange LossesEurPerMwh,
    DlmpRange CongestionEurPerMwh,
    DlmpRange VoltageEurPerMwh)
{
    /// <summary>The name of the file <see cref="PoolReport"/> writes the decomposition to.</summary>
    public const string FileName = "dlmp.csv";

    /// <summary>The summary of the slots' decompositions, or null when no slot has one.</summary>
    public static DlmpSummary? Of(IReadOnlyList<PoolSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var decomposed = slots.Where(s => s.Dlmps is not null).ToList();
        if (decomposed.Count == 0)
        {
            return null;
        }

        return Of(FileName, decomposed.Count, [.. decomposed.SelectMany(s => s.Dlmps!)]);
    }

    /// <summary>
    /// The summary of the per-phase decompositions (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices,
    /// file <c>dlmp_phase.csv</c>), or null when no slot has one.
    /// </summary>
    public static DlmpSummary? OfPhases(IReadOnlyList<PoolSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var decomposed = slots.Where(s => s.Phases?.Dlmps is not null).ToList();
        return decomposed.Count == 0 ? null : Of(PoolReport.PhaseDlmpFileName, decomposed.Count, [.. decomposed.SelectMany(s => s.Phases!.Dlmps!.SelectMany(r => r))]);
    }

    private static DlmpSummary Of(string file, int slots, List<DlmpDecomposition> all)
    {
        DlmpRange Range(Func<DlmpDecomposition, double> component) => DlmpRange.Of([.. all.Select(component)]);
        return new DlmpSummary(
            file,
            slots,
            Range(d => d.TotalEurPerMwh),
            Range(d => d.EnergyEurPerMwh),
            Range(d => d.LossEurPerMwh),
            Range(d => d.CongestionEurPerMwh),
            Range(d => d.VoltageEurPerMwh));
    }
}
