namespace Lem.Grid.Network;

/// <summary>A static generator (pandapower sgen): a fixed P/Q injection such as PV or wind.</summary>
public sealed record StaticGenerator
{
    /// <summary>The user's id (pandapower sgen index).</summary>
    public required string Id { get; init; }

    /// <summary>The bus the generator is connected to.</summary>
    public required BusId Bus { get; init; }

    /// <summary>The active power injected in MW (before scaling).</summary>
    public double PMw { get; init; }

    /// <summary>The reactive power injected in MVAr (before scaling).</summary>
    public double QMvar { get; init; }

    /// <summary>The generator type text (for example "PV", "WP"), when given.</summary>
    public string? Type { get; init; }

    /// <summary>The scaling factor applied to both powers.</summary>
    public double Scaling { get; init; } = 1.0;

    /// <summary>Whether the generator is in service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>The generator name, when the source gives one.</summary>
    public string? Name { get; init; }

    /// <summary>The scaled active power in MW.</summary>
    public double ScaledPMw => PMw * Scaling;

    /// <summary>The scaled reactive power in MVAr.</summary>
    public double ScaledQMvar => QMvar * Scaling;
}
