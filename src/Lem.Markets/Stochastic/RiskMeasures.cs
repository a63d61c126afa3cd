namespace Lem.Markets.Stochastic;

/// <summary>Value-at-risk and conditional value-at-risk of a discrete cost distribution (docs/mechanisms/stochastic-pool.md#cvar).</summary>
public static class RiskMeasures
{
    /// <summary>Tolerance on cumulative probabilities.</summary>
    private const double Tolerance = 1e-12;

    /// <summary>
    /// VaR_α (the smallest cost c with P(C ≤ c) ≥ α) and CVaR_α = VaR + 1/(1−α)·Σ π_s·(C_s − VaR)⁺ (Rockafellar–Uryasev at
    /// its minimiser η = VaR), EUR.
    /// </summary>
    /// <param name="costsEur">The scenario costs.</param>
    /// <param name="probabilities">The scenario probabilities (summing to 1).</param>
    /// <param name="alpha">The confidence level in (0, 1).</param>
    public static (double VarEur, double CvarEur) Of(IReadOnlyList<double> costsEur, IReadOnlyList<double> probabilities, double alpha)
    {
        ArgumentNullException.ThrowIfNull(costsEur);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (costsEur.Count == 0 || costsEur.Count != probabilities.Count)
        {
            throw new ArgumentException("Costs and probabilities must be non-empty lists of equal length.", nameof(costsEur));
        }

        var order = Enumerable.Range(0, costsEur.Count).OrderBy(i => costsEur[i]).ThenBy(i => i).ToArray();
        var cumulative = 0.0;
        var valueAtRisk = costsEur[order[^1]];
        foreach (var i in order)
        {
            cumulative += probabilities[i];
            if (cumulative >= alpha - Tolerance)
            {
                valueAtRisk = costsEur[i];
                break;
            }
        }

        var tail = 0.0;
        for (var i = 0; i < costsEur.Count; i++)
        {
            tail += probabilities[i] * Math.Max(0.0, costsEur[i] - valueAtRisk);
        }

        return (valueAtRisk, valueAtRisk + (tail / (1 - alpha)));
    }

    /// <summary>The probability-weighted mean cost, EUR.</summary>
    public static double Expected(IReadOnlyList<double> costsEur, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(costsEur);
        ArgumentNullException.ThrowIfNull(probabilities);
        return costsEur.Select((c, i) => c * probabilities[i]).Sum();
    }
}
