namespace Lem.Grid.Network;

/// <summary>An external grid connection (pandapower ext_grid): an ideal voltage source that makes its bus a slack bus.</summary>
public sealed record ExternalGrid
{
    /// <summary>The user's id (pandapower ext_grid index).</summary>
    public required string Id { get; init; }

    /// <summary>The bus the external grid is connected to.</summary>
    public required BusId Bus { get; init; }

    /// <summary>The voltage magnitude set point in per unit.</summary>
    public double VmPu { get; init; } = 1.0;

    /// <summary>The voltage angle set point in degrees.</summary>
    public double VaDegree { get; init; }

    /// <summary>Whether the external grid is in service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>The external grid name, when the source gives one.</summary>
    public string? Name { get; init; }
}
