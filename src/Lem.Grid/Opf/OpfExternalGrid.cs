namespace Lem.Grid.Opf;

/// <summary>The exchange with one in-service external grid.</summary>
/// <param name="Id">The external grid's id.</param>
/// <param name="Bus">The user id of the bus it connects to.</param>
/// <param name="PMw">The active power taken from the external grid into the network (MW; negative when exporting).</param>
public sealed record OpfExternalGrid(string Id, BusId Bus, double PMw);
