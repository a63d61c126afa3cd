namespace Lem.Grid.Network;

/// <summary>What a switch connects its bus to (pandapower switch <c>et</c>).</summary>
public enum SwitchElementType
{
    /// <summary>Another bus (bus-bus switch, pandapower 'b').</summary>
    Bus,

    /// <summary>An end of a line (pandapower 'l').</summary>
    Line,

    /// <summary>A side of a transformer (pandapower 't').</summary>
    Transformer,
}
