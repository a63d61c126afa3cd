namespace Lem.Markets.Stochastic;

/// <summary>
/// The two-stage stochastic clearing problem of docs/mechanisms/stochastic-pool.md, without its scenarios: producers,
/// demands, renewables, inflexible loads and the outside market over a horizon of independent slots (power in MW, prices
/// in EUR/MWh, energy = power × <see cref="SlotHours"/>).
/// </summary>
/// <param name="SlotCount">The number of slots.</param>
/// <param name="SlotHours">The length of a slot, hours.</param>
/// <param name="Units">The producers (sell-order steps), each in one slot.</param>
/// <param name="Demands">The price-responsive demands, each in one slot.</param>
/// <param name="Renewables">The renewables.</param>
/// <param name="Loads">The inflexible loads.</param>
/// <param name="Outside">The outside market, or null for an island.</param>
/// <param name="VollEurPerMwh">The value of lost load: the cost of real-time load shedding, EUR/MWh.</param>
public sealed record StochasticProblem(
    int SlotCount,
    double SlotHours,
    IReadOnlyList<StochasticUnit> Units,
    IReadOnlyList<StochasticDemand> Demands,
    IReadOnlyList<StochasticRenewable> Renewables,
    IReadOnlyList<StochasticLoad> Loads,
    StochasticOutside? Outside,
    double VollEurPerMwh)
{
    /// <summary>The expected-value scenario: every realisation replaced by its probability-weighted mean, with probability 1.</summary>
    public static StochasticScenario Mean(IReadOnlyList<StochasticScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var first = scenarios[0];
        IReadOnlyList<IReadOnlyList<double>> Average(Func<StochasticScenario, IReadOnlyList<IReadOnlyList<double>>> of) =>
            [.. Enumerable.Range(0, of(first).Count).Select(i => (IReadOnlyList<double>)[.. Enumerable.Range(0, of(first)[i].Count).Select(t => scenarios.Sum(s => s.Probability * of(s)[i][t]))])];
        return new StochasticScenario(1.0, Average(s => s.RenewableMw), Average(s => s.LoadMw));
    }
}
