namespace Lem.Markets.Distributed;

/// <summary>
/// Residual balancing of the sharing loops (docs/mechanisms/admm.md#residual-balancing): every
/// <see cref="AdmmOptions.BalancingInterval"/> iterations up to <see cref="AdmmOptions.BalancingUntilIteration"/>, ρ is
/// multiplied by τ when the primal residual exceeds μ times the dual one, divided by τ in the opposite case, and the
/// scaled duals are divided by the same factor so that the prices −ρu stay where they are.
/// </summary>
internal static class ResidualBalancing
{
    /// <summary>Counts the iteration and rebalances ρ and the scaled duals <paramref name="u"/> when it is time.</summary>
    public static void Step(AdmmOptions options, int iteration, double r, double s, ref double rho, ref int sinceChange, Span<double> u)
    {
        sinceChange++;
        if (!options.ResidualBalancing || iteration > options.BalancingUntilIteration || sinceChange < options.BalancingInterval)
        {
            return;
        }

        var factor = r > options.BalancingMu * s ? options.BalancingTau : s > options.BalancingMu * r ? 1.0 / options.BalancingTau : 1.0;
        if (factor == 1.0)
        {
            return;
        }

        rho *= factor;
        for (var k = 0; k < u.Length; k++)
        {
            u[k] /= factor; // keeps the prices −ρu
        }

        sinceChange = 0;
    }
}
