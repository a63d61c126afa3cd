using Lem.Markets.Community;
using Lem.Markets.Distributed;

namespace Lem.Markets.Tests.Community;

/// <summary>
/// The coordinator's own term (docs/mechanisms/admm.md#the-coordinators-own-term): with the outside trade as the sharing
/// form's z-step the iterations do not grow with the number of members. Communities of N inflexible consumers (each
/// withdraws 1 + i/N MW; lo = hi) and N/10 flexible producers (½x² + 18x on [0, 5]) against an outside market at
/// π_imp = 25, π_exp = 15: the analytic optimum is known, so every size is checked against it.
/// </summary>
public sealed class CommunityScalingTests
{
    private static readonly AdmmOptions Options = new() { AbsoluteTolerance = 1e-7, RelativeTolerance = 1e-7, Parallel = false };

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(2000)]
    public void Iterations_stay_flat_and_the_optimum_is_the_analytic_one(int consumers)
    {
        var producers = consumers / 10;
        var members = new List<IAgent>();
        var demand = 0.0;
        for (var i = 0; i < consumers; i++)
        {
            var w = 1.0 + ((double)i / consumers);
            demand += w;
            members.Add(LocalAgent.Quadratic($"c{i}", 0, 0, -w, -w));
        }

        for (var i = 0; i < producers; i++)
        {
            members.Add(LocalAgent.Quadratic($"p{i}", 1, 18, 0, 5));
        }

        var r = CommunityManager.Run(members, new CommunityOutside([25.0], [15.0]), 1, Options);
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);

        // Producers at λ produce min(λ − 18, 5); the community is short (demand ≈ 1.5 N > 0.5 N), so λ = π_imp = 25 and
        // each producer is at its cap 5; the import is the rest.
        Assert.Equal(25.0, r.PricesEurPerMwh[0], 1e-3);
        Assert.Equal(demand - (5.0 * producers), r.Imports[0], 1e-3 * consumers);
        Assert.True(r.Diagnostics.Iterations <= 200, $"{consumers} consumers: {r.Diagnostics.Iterations} iterations");
    }
}
