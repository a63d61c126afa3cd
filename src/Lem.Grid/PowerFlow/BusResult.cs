namespace Lem.Grid.PowerFlow;

/// <summary>The power-flow state of one bus, under the user's bus id.</summary>
/// <param name="Id">The bus id (MATPOWER bus number, pandapower index).</param>
/// <param name="VmPu">Voltage magnitude in per unit.</param>
/// <param name="VaDegree">Voltage angle in degrees.</param>
/// <param name="PInjectionMw">Net active power injected into the network at the bus (generation − load).</param>
/// <param name="QInjectionMvar">Net reactive power injected into the network at the bus.</param>
public sealed record BusResult(BusId Id, double VmPu, double VaDegree, double PInjectionMw, double QInjectionMvar);
