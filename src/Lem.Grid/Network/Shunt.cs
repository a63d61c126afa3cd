namespace Lem.Grid.Network;

/// <summary>
/// A constant-admittance shunt, given by the power it draws at 1 p.u. voltage with pandapower's sign convention:
/// positive <see cref="PMw"/> consumes active power, positive <see cref="QMvar"/> consumes reactive power (inductive).
/// A MATPOWER bus's Gs/Bs become <c>PMw = Gs</c> and <c>QMvar = -Bs</c>.
/// </summary>
public sealed record Shunt
{
    /// <summary>The user's id (MATPOWER bus number or pandapower shunt index).</summary>
    public required string Id { get; init; }

    /// <summary>The bus the shunt is connected to.</summary>
    public required BusId Bus { get; init; }

    /// <summary>The active power drawn at 1 p.u. voltage in MW.</summary>
    public double PMw { get; init; }

    /// <summary>The reactive power drawn at 1 p.u. voltage in MVAr (positive = inductive).</summary>
    public double QMvar { get; init; }

    /// <summary>Whether the shunt is in service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>The shunt name, when the source gives one.</summary>
    public string? Name { get; init; }
}
