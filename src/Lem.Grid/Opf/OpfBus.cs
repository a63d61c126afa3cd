namespace Lem.Grid.Opf;

/// <summary>The OPF result at one (solver) bus.</summary>
/// <param name="Id">The user id of the bus (for merged buses, the lowest-sorting member).</param>
/// <param name="LmpPerMwh">The locational marginal price: the cost of one more MW of demand at the bus, in the case's
/// cost units per MWh (the balance dual).</param>
/// <param name="VmPu">The voltage magnitude in p.u., or null when the formulation has no voltages.</param>
public sealed record OpfBus(BusId Id, double LmpPerMwh, double? VmPu);
