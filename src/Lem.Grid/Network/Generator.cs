namespace Lem.Grid.Network;

/// <summary>A voltage-controlling generator (MATPOWER gen row or pandapower gen). Limits are infinite when the source has none.</summary>
public sealed record Generator
{
    /// <summary>The user's id (MATPOWER gen row number, 1-based, or pandapower gen index).</summary>
    public required string Id { get; init; }

    /// <summary>The bus the generator is connected to.</summary>
    public required BusId Bus { get; init; }

    /// <summary>The scheduled active power output in MW.</summary>
    public double PMw { get; init; }

    /// <summary>The reactive power output in MVAr (MATPOWER Qg; 0 for pandapower).</summary>
    public double QMvar { get; init; }

    /// <summary>The lower reactive power limit in MVAr.</summary>
    public double QMinMvar { get; init; } = double.NegativeInfinity;

    /// <summary>The upper reactive power limit in MVAr.</summary>
    public double QMaxMvar { get; init; } = double.PositiveInfinity;

    /// <summary>The lower active power limit in MW.</summary>
    public double PMinMw { get; init; } = double.NegativeInfinity;

    /// <summary>The upper active power limit in MW.</summary>
    public double PMaxMw { get; init; } = double.PositiveInfinity;

    /// <summary>The voltage magnitude set point in per unit.</summary>
    public double VmSetpointPu { get; init; } = 1.0;

    /// <summary>Whether the generator is in service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>The generator name, when the source gives one.</summary>
    public string? Name { get; init; }

    /// <summary>The unit type (MATPOWER <c>gentype</c>, pandapower <c>type</c>), when given.</summary>
    public string? UnitType { get; init; }

    /// <summary>The fuel (MATPOWER <c>genfuel</c>), when given.</summary>
    public string? Fuel { get; init; }
}
