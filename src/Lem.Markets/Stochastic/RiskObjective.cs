namespace Lem.Markets.Stochastic;

/// <summary>The objective (1 − β)·E[C] + β·CVaR_α[C] of the two-stage clearing (β = 0: risk-neutral).</summary>
/// <param name="Alpha">The CVaR confidence level α ∈ (0, 1).</param>
/// <param name="Beta">The weight of CVaR β ∈ [0, 1].</param>
public sealed record RiskObjective(double Alpha, double Beta)
{
    /// <summary>The risk-neutral objective (β = 0; α = 0.9 for the reported CVaR).</summary>
    public static RiskObjective Neutral { get; } = new(0.9, 0.0);

    /// <summary>The objective's value for an expected cost and a CVaR, EUR.</summary>
    public double Of(double expectedEur, double cvarEur) => ((1 - Beta) * expectedEur) + (Beta * cvarEur);
}
