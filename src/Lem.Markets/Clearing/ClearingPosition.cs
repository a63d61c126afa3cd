namespace Lem.Markets.Clearing;

/// <summary>A participant's cleared net position and the price it is settled at, per slot.</summary>
/// <param name="Participant">The participant.</param>
/// <param name="NetInjectionKw">Net injection per slot, kW (injection positive; the energy is kW × slot hours).</param>
/// <param name="PriceEurPerMwh">The price the net position is settled at per slot, EUR/MWh (the participant's bus price in a pool, the market or community price in a distributed clearing).</param>
public sealed record ClearingPosition(ParticipantId Participant, IReadOnlyList<double> NetInjectionKw, IReadOnlyList<double> PriceEurPerMwh);
