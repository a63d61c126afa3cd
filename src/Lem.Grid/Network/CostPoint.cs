namespace Lem.Grid.Network;

/// <summary>One break point of a piecewise-linear cost curve.</summary>
/// <param name="PMw">The output in MW.</param>
/// <param name="CostPerHour">The cost of that output in currency per hour.</param>
public readonly record struct CostPoint(double PMw, double CostPerHour);
