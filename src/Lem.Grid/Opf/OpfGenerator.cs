namespace Lem.Grid.Opf;

/// <summary>The dispatch of one in-service generator.</summary>
/// <param name="Id">The generator's id.</param>
/// <param name="Bus">The user id of the bus it feeds.</param>
/// <param name="PMw">The active output in MW.</param>
/// <param name="QMvar">The reactive output in Mvar, or null when the formulation has no reactive power.</param>
/// <param name="CostPerHour">The generator's cost at this output (cost units per hour).</param>
public sealed record OpfGenerator(string Id, BusId Bus, double PMw, double? QMvar, double CostPerHour);
