namespace Lem.Grid.Network;

/// <summary>
/// An ideal switch. A closed bus-bus switch merges its two buses; an open bus-line or bus-transformer switch
/// disconnects that branch at <see cref="Bus"/>.
/// </summary>
/// <param name="Id">The user's id (pandapower switch index).</param>
/// <param name="Bus">The bus on one side of the switch.</param>
/// <param name="Element">The id of the element on the other side: a bus id, a line id or a transformer id.</param>
/// <param name="ElementType">The kind of element on the other side.</param>
/// <param name="Closed">Whether the switch is closed.</param>
/// <param name="Name">The switch name, when the source gives one.</param>
public sealed record Switch(string Id, BusId Bus, string Element, SwitchElementType ElementType, bool Closed = true, string? Name = null);
