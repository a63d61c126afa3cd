using Lem.Markets.Stochastic;

namespace Lem.Markets.Tests.Stochastic;

/// <summary>
/// The worked example of docs/mechanisms/stochastic-pool.md#worked-example (FORMULATIONS §10): demand 100, G1 at 20
/// (day-ahead only, ≤ 70), G2 at 40 with up-regulation at 80 and a down refund of 34, free wind at 20 (π = 0.1) or 60
/// (π = 0.9), free spill, VOLL 1000, one slot of one hour, no outside market.
/// </summary>
internal static class StochasticWorkedExample
{
    /// <summary>G2's capacity is not given in the example; 100 MW never binds.</summary>
    public static StochasticProblem Problem { get; } = new(
        1,
        1.0,
        [new StochasticUnit("g1", null, 0, 70, 20), new StochasticUnit("g2", null, 0, 100, 40, 80, 34)],
        [],
        [new StochasticRenewable("wind", null, 100, [56], 0)],
        [new StochasticLoad("demand", null, [100])],
        null,
        1000);

    public static IReadOnlyList<StochasticScenario> Scenarios { get; } =
    [
        new(0.1, [[20.0]], [[100.0]]),
        new(0.9, [[60.0]], [[100.0]]),
    ];
}
