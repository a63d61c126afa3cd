namespace Lem.Grid.Distance;

/// <summary>Settings of <see cref="ElectricalDistance.Compute(Network.GridNetwork, ElectricalDistanceMethod, ElectricalDistanceOptions)"/>.</summary>
public sealed record ElectricalDistanceOptions
{
    /// <summary>The defaults: the path impedance sums the series resistance r.</summary>
    public static ElectricalDistanceOptions Default { get; } = new();

    /// <summary>
    /// <see cref="ElectricalDistanceMethod.PathImpedance"/> only: sum the series impedance magnitude |z| = √(r² + x²) of the
    /// branches on the path instead of their resistance r. Default false.
    /// </summary>
    public bool PathUsesImpedanceMagnitude { get; init; }
}
