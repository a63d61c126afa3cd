namespace Lem.Grid.Network;

/// <summary>The physical data of one circuit of a line, as pandapower's line table gives it, from which <see cref="LineModel.FromPerKm"/> derived the per-unit values.</summary>
/// <param name="LengthKm">The length in km.</param>
/// <param name="ROhmPerKm">The series resistance per km in ohm.</param>
/// <param name="XOhmPerKm">The series reactance per km in ohm.</param>
/// <param name="CNfPerKm">The capacitance per km in nF.</param>
public sealed record LinePerKmData(double LengthKm, double ROhmPerKm, double XOhmPerKm, double CNfPerKm);
