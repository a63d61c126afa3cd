namespace Lem.Markets.Flexibility.Clearing;

/// <summary>
/// The AC power flow of one slot: voltages per bus and loading per branch, or, after a three-phase power flow
/// (<see cref="Phases"/> = 3, docs/three-phase.md#flexibility-on-three-phases), per (bus, phase) at i·3 + φ and per
/// (branch, phase) at k·3 + φ.
/// </summary>
/// <param name="Slot">The slot.</param>
/// <param name="Converged">Whether the power flow converged.</param>
/// <param name="VoltagesPu">The voltage magnitude of each solver bus (p.u.; per phase of the phase-to-neutral base).</param>
/// <param name="LoadingPercent">The loading of each branch (%; 0 without a rating; per phase a line's phase current over its rated current, a transformer's |S^φ| over a third of its rating).</param>
/// <param name="Violations">The violated limits.</param>
public sealed record FlexAcSlot(int Slot, bool Converged, IReadOnlyList<double> VoltagesPu, IReadOnlyList<double> LoadingPercent, IReadOnlyList<FlexViolation> Violations)
{
    /// <summary>1 for a balanced power flow, 3 for a three-phase one.</summary>
    public int Phases { get; init; } = 1;

    /// <summary>The largest voltage unbalance factor |V_2|/|V_1| over the buses (%; 0 for a balanced power flow).</summary>
    public double MaxUnbalancePercent { get; init; }

    /// <summary>The lowest voltage of each phase over the buses (p.u.; one entry for a balanced power flow).</summary>
    public double[] MinVoltagePuByPhase() => ByPhase(VoltagesPu, Phases, double.PositiveInfinity, Math.Min);

    /// <summary>The highest loading of each phase over the branches (%; one entry for a balanced power flow).</summary>
    public double[] MaxLoadingPercentByPhase() => ByPhase(LoadingPercent, Phases, 0, Math.Max);

    private static double[] ByPhase(IReadOnlyList<double> values, int phases, double seed, Func<double, double, double> pick)
    {
        var result = Enumerable.Repeat(seed, phases).ToArray();
        for (var e = 0; e < values.Count; e++)
        {
            result[e % phases] = pick(result[e % phases], values[e]);
        }

        return result;
    }
}
