namespace Lem.Grid.Network;

/// <summary>
/// An ideal switch. A closed bus-bus switch merges its two buses; an open bus-line or bus-transformer switch
/// disconnects that branch at <see cref="Bus"/>.
/// </summary>
public sealed record Switch
{
    /// <summary>The user's id (pandapower switch index).</summary>
    public required string Id { get; init; }

    /// <summary>The bus on one side of the switch.</summary>
    public required BusId Bus { get; init; }

    /// <summary>The id of the element on the other side: a bus id, a line id or a transformer id.</summary>
    public required string Element { get; init; }

    /// <summary>The kind of element on the other side.</summary>
    public required SwitchElementType ElementType { get; init; }

    /// <summary>Whether the switch is closed.</summary>
    public bool Closed { get; init; } = true;

    /// <summary>The switch name, when the source gives one.</summary>
    public string? Name { get; init; }
}
