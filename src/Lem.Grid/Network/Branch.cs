namespace Lem.Grid.Network;

/// <summary>
/// What every branch (a <see cref="Line"/> or a <see cref="Transformer"/>) has: its id, its series impedance and total
/// shunt admittance in per unit on <see cref="GridNetwork.BaseMva"/>, its rating and its state.
/// </summary>
public abstract record Branch
{
    /// <summary>The user's id (MATPOWER branch row number, 1-based, or pandapower line or trafo index).</summary>
    public required string Id { get; init; }

    /// <summary>The series resistance in per unit.</summary>
    public required double RPu { get; init; }

    /// <summary>The series reactance in per unit.</summary>
    public required double XPu { get; init; }

    /// <summary>The total shunt conductance in per unit (a transformer's iron losses).</summary>
    public double GPu { get; init; }

    /// <summary>The total shunt susceptance in per unit: a line's charging, a transformer's magnetising (negative when inductive).</summary>
    public double BPu { get; init; }

    /// <summary>The thermal rating in MVA; null when unlimited (MATPOWER rateA = 0).</summary>
    public double? RatingMva { get; init; }

    /// <summary>Whether the branch is in service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>The branch name, when the source gives one.</summary>
    public string? Name { get; init; }

    /// <summary>The number of identical circuits or transformers in parallel (already included in the per-unit values).</summary>
    public int Parallel { get; init; } = 1;
}
