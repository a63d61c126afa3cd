namespace Lem.Simulation.Agents.Strategic;

/// <summary>A strategic agent's equilibrium per slot (<see cref="StrategicAgent.Equilibrium"/>).</summary>
/// <param name="QuantityKw">Its equilibrium injection per slot, kW.</param>
/// <param name="PriceEurPerMwh">The price the residual demand gives at the equilibrium total, EUR/MWh.</param>
/// <param name="MarginalCostEurPerMwh">The marginal cost of its last dispatched step per slot (0 without one), EUR/MWh.</param>
public sealed record StrategicOutcome(IReadOnlyList<double> QuantityKw, IReadOnlyList<double> PriceEurPerMwh, IReadOnlyList<double> MarginalCostEurPerMwh);
