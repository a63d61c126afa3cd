namespace Lem.Markets.Stochastic;

/// <summary>
/// A variable renewable generator over the horizon: a day-ahead schedule W^DA ∈ [0, capacity] per slot (free), a
/// scenario availability W_s per slot (<see cref="StochasticScenario.RenewableMw"/>) and spill w^sp ≤ W_s at its spill cost.
/// </summary>
/// <param name="Id">The asset id.</param>
/// <param name="Owner">The participant, or null.</param>
/// <param name="CapacityMw">The installed capacity, MW (bounds W^DA and the sampled availability).</param>
/// <param name="ForecastMw">The forecast (mean) availability per slot, MW.</param>
/// <param name="SpillCostEurPerMwh">The cost of spilling available energy (the curtailment cost), EUR/MWh.</param>
public sealed record StochasticRenewable(string Id, ParticipantId? Owner, double CapacityMw, IReadOnlyList<double> ForecastMw, double SpillCostEurPerMwh);
