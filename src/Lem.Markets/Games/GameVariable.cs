namespace Lem.Markets.Games;

/// <summary>
/// One decision variable y_j of a player (kW): it adds e_j·y_j to the player's injection in its slot and costs
/// c_j·y_j + d_j/2·y_j² (EUR/MWh × kW, times Δt/1000 for EUR), within [lower, upper] (docs/games.md#the-game).
/// </summary>
/// <param name="Player">The index of the owning player.</param>
/// <param name="Slot">The slot the variable injects in.</param>
/// <param name="InjectionCoefficient">e_j: +1 for generation or discharge, −1 for charging.</param>
/// <param name="LinearCostEurPerMwh">c_j, the marginal cost at zero.</param>
/// <param name="QuadraticCostEurPerMwhPerKw">d_j ≥ 0, the slope of the marginal cost.</param>
/// <param name="LowerKw">The lower bound (finite).</param>
/// <param name="UpperKw">The upper bound (finite, ≥ lower).</param>
/// <param name="Name">A name for reports.</param>
public sealed record GameVariable(
    int Player,
    int Slot,
    double InjectionCoefficient,
    double LinearCostEurPerMwh,
    double QuadraticCostEurPerMwhPerKw,
    double LowerKw,
    double UpperKw,
    string Name);
