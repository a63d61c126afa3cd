namespace Lem.Grid.Network;

/// <summary>A node of the grid with its nominal voltage and voltage limits.</summary>
public sealed record Bus
{
    /// <summary>The user's id of the bus (MATPOWER bus number or pandapower bus index).</summary>
    public required BusId Id { get; init; }

    /// <summary>The bus name, when the source gives one.</summary>
    public string? Name { get; init; }

    /// <summary>The nominal (base) voltage in kV, line to line.</summary>
    public required double NominalKv { get; init; }

    /// <summary>The lower voltage magnitude limit in per unit.</summary>
    public double VmMinPu { get; init; } = 0.9;

    /// <summary>The upper voltage magnitude limit in per unit.</summary>
    public double VmMaxPu { get; init; } = 1.1;

    /// <summary>The power-flow role of the bus.</summary>
    public BusType Type { get; init; } = BusType.Pq;

    /// <summary>Whether the bus is part of the network (MATPOWER type 4 buses are out of service).</summary>
    public bool InService { get; init; } = true;

    /// <summary>The zone (MATPOWER zone number or pandapower zone text), when given.</summary>
    public string? Zone { get; init; }

    /// <summary>The initial voltage magnitude in per unit (MATPOWER Vm; 1 when not given).</summary>
    public double VmPu { get; init; } = 1.0;

    /// <summary>The initial voltage angle in degrees (MATPOWER Va; 0 when not given).</summary>
    public double VaDegree { get; init; }
}
