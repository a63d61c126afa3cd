namespace Lem.Markets.Stochastic;

/// <summary>
/// An inflexible load over the horizon: its forecast is nominated day-ahead (D^DA), its scenario demand D_s
/// (<see cref="StochasticScenario.LoadMw"/>) must be met in real time or shed at VOLL.
/// </summary>
/// <param name="Id">The asset id.</param>
/// <param name="Owner">The participant, or null.</param>
/// <param name="ForecastMw">The forecast demand per slot, MW (≥ 0).</param>
public sealed record StochasticLoad(string Id, ParticipantId? Owner, IReadOnlyList<double> ForecastMw);
