namespace Lem.Grid.Formulations;

/// <summary>
/// The per-phase read-out of a slot added by a phase-aware formulation (<see cref="IPhasePreparedGridFormulation"/>):
/// prices, voltages and DLMP decompositions per (bus, phase). The per-bus read-outs of <see cref="GridSlot"/> are the
/// balanced views: the price of a balanced (abc) withdrawal, i.e. the mean of the three phase prices.
/// </summary>
public interface IPhaseGridSlot
{
    /// <summary>The marginal cost of active demand on each phase of each solver bus, [bus][phase], objective units per MW.</summary>
    double[][] PhaseActivePrices(Solution solution);

    /// <summary>The voltage magnitude of each phase of each solver bus, [bus][phase], p.u. of the phase-to-neutral base.</summary>
    double[][] PhaseVoltageMagnitudesPu(Solution solution);

    /// <summary>The active flow entering each branch at its from end per phase, [branch][phase], MW.</summary>
    double[][] PhaseBranchFlowsMw(Solution solution);

    /// <summary>The per-phase DLMPs split into energy, loss, congestion and voltage parts, [bus][phase]; the totals equal <see cref="PhaseActivePrices"/>.</summary>
    IReadOnlyList<IReadOnlyList<DlmpDecomposition>> PhaseDlmps(Solution solution);
}
