namespace Lem.Markets.Stochastic;

/// <summary>The outcome of a scenario reduction.</summary>
/// <param name="Kept">The indices of the kept scenarios, in the order they were selected.</param>
/// <param name="Probabilities">The kept scenarios' new probabilities (their own plus those of the dropped scenarios nearest to them), in the order of <paramref name="Kept"/>.</param>
/// <param name="Distance">The Kantorovich distance between the original and the reduced distribution: Σ over dropped j of p_j·min over kept k of ‖ξ_j − ξ_k‖.</param>
public sealed record ReducedScenarios(IReadOnlyList<int> Kept, IReadOnlyList<double> Probabilities, double Distance);
