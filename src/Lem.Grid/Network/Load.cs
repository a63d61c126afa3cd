namespace Lem.Grid.Network;

/// <summary>A constant-power load; the consumed power is <see cref="PMw"/> and <see cref="QMvar"/> times <see cref="Scaling"/>.</summary>
public sealed record Load
{
    /// <summary>The user's id (MATPOWER bus number, pandapower load index, or <c>asym-</c> plus the asymmetric load index).</summary>
    public required string Id { get; init; }

    /// <summary>The bus the load is connected to.</summary>
    public required BusId Bus { get; init; }

    /// <summary>The active power consumed in MW (before scaling).</summary>
    public double PMw { get; init; }

    /// <summary>The reactive power consumed in MVAr (before scaling).</summary>
    public double QMvar { get; init; }

    /// <summary>The scaling factor applied to both powers.</summary>
    public double Scaling { get; init; } = 1.0;

    /// <summary>Whether the load is in service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>The load name, when the source gives one.</summary>
    public string? Name { get; init; }

    /// <summary>True when the load is the balanced sum of a pandapower asymmetric (per-phase) load.</summary>
    public bool FromAsymmetric { get; init; }

    /// <summary>The scaled active power in MW.</summary>
    public double ScaledPMw => PMw * Scaling;

    /// <summary>The scaled reactive power in MVAr.</summary>
    public double ScaledQMvar => QMvar * Scaling;
}
