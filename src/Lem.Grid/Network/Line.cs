namespace Lem.Grid.Network;

/// <summary>
/// A line (overhead line or cable) as a pi equivalent. All impedances are in per unit on
/// <see cref="GridNetwork.BaseMva"/> and the from bus's <see cref="Bus.NominalKv"/> (MATPOWER's convention);
/// the shunt admittance (<see cref="Branch.GPu"/> + j<see cref="Branch.BPu"/>) is split half and half over the two ends.
/// </summary>
public sealed record Line : Branch
{
    /// <summary>The bus at the from end.</summary>
    public required BusId FromBus { get; init; }

    /// <summary>The bus at the to end.</summary>
    public required BusId ToBus { get; init; }

    /// <summary>The physical per-km data the per-unit values were derived from, when the source gives it (pandapower).</summary>
    public LinePerKmData? PerKm { get; init; }

    /// <summary>The thermal current limit of one circuit in kA, when known.</summary>
    public double? MaxCurrentKa { get; init; }
}
