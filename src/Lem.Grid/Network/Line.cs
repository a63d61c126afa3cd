namespace Lem.Grid.Network;

/// <summary>
/// A line (overhead line or cable) as a pi equivalent. All impedances are in per unit on
/// <see cref="GridNetwork.BaseMva"/> and the from bus's <see cref="Bus.NominalKv"/> (MATPOWER's convention);
/// the shunt admittance (<see cref="GPu"/> + j<see cref="BPu"/>) is split half and half over the two ends.
/// </summary>
public sealed record Line
{
    /// <summary>The user's id (MATPOWER branch row number, 1-based, or pandapower line index).</summary>
    public required string Id { get; init; }

    /// <summary>The bus at the from end.</summary>
    public required BusId FromBus { get; init; }

    /// <summary>The bus at the to end.</summary>
    public required BusId ToBus { get; init; }

    /// <summary>The series resistance in per unit.</summary>
    public required double RPu { get; init; }

    /// <summary>The series reactance in per unit.</summary>
    public required double XPu { get; init; }

    /// <summary>The total line charging susceptance in per unit.</summary>
    public double BPu { get; init; }

    /// <summary>The total shunt conductance in per unit.</summary>
    public double GPu { get; init; }

    /// <summary>The thermal rating in MVA; null when unlimited (MATPOWER rateA = 0).</summary>
    public double? RatingMva { get; init; }

    /// <summary>Whether the line is in service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>The line name, when the source gives one.</summary>
    public string? Name { get; init; }

    /// <summary>The length in km, when known.</summary>
    public double? LengthKm { get; init; }

    /// <summary>The resistance per km of one circuit in ohm, when known.</summary>
    public double? ROhmPerKm { get; init; }

    /// <summary>The reactance per km of one circuit in ohm, when known.</summary>
    public double? XOhmPerKm { get; init; }

    /// <summary>The capacitance per km of one circuit in nF, when known.</summary>
    public double? CNfPerKm { get; init; }

    /// <summary>The thermal current limit of one circuit in kA, when known.</summary>
    public double? MaxCurrentKa { get; init; }

    /// <summary>The number of identical circuits in parallel (already included in the per-unit values).</summary>
    public int Parallel { get; init; } = 1;
}
