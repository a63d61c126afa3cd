namespace Lem.Settlement.Allocation;

/// <summary>Whether an allocation is in the core: efficient and no coalition pays more than it would alone.</summary>
/// <param name="InCore">Whether the allocation is efficient and x(S) ≤ C(S) for every coalition, within the tolerance.</param>
/// <param name="MaxViolationEur">The largest x(S) − C(S) over the proper coalitions, EUR (≤ 0 when no coalition is overcharged).</param>
/// <param name="WorstCoalition">The member ids of the coalition with the largest x(S) − C(S).</param>
/// <param name="EfficiencyGapEur">Σ x_i − C(N), EUR.</param>
/// <param name="ToleranceEur">The tolerance used, EUR.</param>
public sealed record CoreCheckResult(bool InCore, double MaxViolationEur, IReadOnlyList<string> WorstCoalition, double EfficiencyGapEur, double ToleranceEur);
