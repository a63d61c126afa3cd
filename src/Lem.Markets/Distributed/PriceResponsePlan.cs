namespace Lem.Markets.Distributed;

/// <summary>
/// A participant's optimal plan against given buy and sell prices (<see cref="PriceResponse"/>): its net injection per
/// slot (kW, injection positive), its optimal objective, the marginal value of energy per slot and each asset's schedule.
/// </summary>
/// <param name="Status">The solver's status; the other members are empty unless it is <see cref="SolveStatus.Optimal"/>.</param>
/// <param name="Message">The solver's message, or null.</param>
/// <param name="NetInjectionKw">The planned net injection per slot, kW (export − import).</param>
/// <param name="ObjectiveEur">The optimal objective: the assets' and orders' cost − utility plus the price of imports less the revenue of exports, EUR.</param>
/// <param name="AssetCostEur">The assets' and orders' cost − utility alone at the plan, EUR.</param>
/// <param name="MarginalValueEurPerMwh">The dual of each slot's balance: what one more MWh of demand in the slot would cost the participant, EUR/MWh.</param>
public sealed record PriceResponsePlan(
    SolveStatus Status,
    string? Message,
    IReadOnlyList<double> NetInjectionKw,
    double ObjectiveEur,
    double AssetCostEur,
    IReadOnlyList<double> MarginalValueEurPerMwh)
{
    /// <summary>Whether the plan is optimal.</summary>
    public bool IsOptimal => Status == SolveStatus.Optimal;

    /// <summary>Each asset's schedule in the plan (as the pool reports it; their net injections plus the orders' sum to <see cref="NetInjectionKw"/>); empty unless optimal.</summary>
    public IReadOnlyList<AssetDispatch> Assets { get; init; } = [];

    /// <summary>The LP's final simplex basis, to warm-start the next plan of the same participant; null when the plan needed no LP.</summary>
    public SimplexBasis? Basis { get; init; }
}
