namespace Lem.Grid.Formulations;

/// <summary>
/// What a formulation added for one slot: how to read nodal prices and the grid state back from a solution.
/// </summary>
public abstract class GridSlot
{
    /// <summary>The slot index.</summary>
    public required int Slot { get; init; }

    /// <summary>The marginal cost of active power demand at each solver bus (objective units per MW), from the balance duals.</summary>
    public abstract double[] ActivePrices(Solution solution);

    /// <summary>The voltage magnitude at each solver bus (p.u.), or null when the formulation has no voltages.</summary>
    public abstract double[]? VoltageMagnitudesPu(Solution solution);

    /// <summary>The active power flow entering each branch at its from end (MW), or null when the formulation has no flows.</summary>
    public abstract double[]? BranchFlowsMw(Solution solution);

    /// <summary>Active losses in the slot (MW); zero for lossless formulations.</summary>
    public abstract double LossesMw(Solution solution);

    /// <summary>
    /// The DLMP at each solver bus split into energy, loss, congestion and voltage components in objective units per MW
    /// (docs/formulations.md#prices-and-dlmps), or null when the formulation has no such decomposition (the default).
    /// The totals equal <see cref="ActivePrices"/>.
    /// </summary>
    public virtual IReadOnlyList<DlmpDecomposition>? Dlmps(Solution solution) => null;

    /// <summary>
    /// How tight a convex relaxation is on each branch (docs/formulations.md#soc-distflow), or null when the formulation
    /// is not a relaxation with such a check (the default).
    /// </summary>
    public virtual SocExactnessReport? RelaxationExactness(Solution solution) => null;
}
