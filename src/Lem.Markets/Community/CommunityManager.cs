using Lem.Markets.Exchange;

namespace Lem.Markets.Community;

/// <summary>
/// The community market of docs/mechanisms/admm.md#community-manager (Moret &amp; Pinson 2019): a community manager coordinates the members and is
/// their only interface to the outside market. Each iteration it broadcasts the community price λ and the mean position
/// (<see cref="CommunitySignal"/>), members answer with their internal net sales (<see cref="CommunityProposal"/>), the
/// manager decides the community's import/export y with its public prices (π_imp y⁺ − π_exp y⁻ within the limits) by
/// the sharing form's z-step (docs/mechanisms/admm.md#the-coordinators-own-term: a proximal step with penalty ρ/m over the
/// m members' mean, so y absorbs the whole imbalance at once), and updates λ ← λ − ρ·(x̄ − z̄). So λ ∈ [π_exp, π_imp]
/// at the optimum: π_imp when the community imports, π_exp when it exports, inside when it is self-sufficient.
/// Residuals, stopping and residual balancing as in §7.
/// </summary>
public static class CommunityManager
{
    /// <summary>The manager's outside trade y (import positive) with its public cost π_imp y⁺ − π_exp y⁻ within the limits.</summary>
    internal static SeparableCost OutsideCost(CommunityOutside outside, int slots) => new(
        Enumerable.Repeat(-outside.ExportLimit, slots).ToArray(),
        Enumerable.Repeat(outside.ImportLimit, slots).ToArray(),
        new double[slots],
        [.. outside.ExportPriceEurPerMwh.Take(slots)],
        [.. outside.ImportPriceEurPerMwh.Take(slots)],
        new double[slots],
        new double[slots],
        outside.EurPerPriceTimesQuantity);

    /// <summary>The manager's broadcast from (iteration, ρ, mean position, scaled dual u): the price is −ρu.</summary>
    internal static CommunitySignal Signal(int iteration, double rho, double[] mean, double[] u) => new(iteration, rho, [.. u.Select(v => -rho * v)], mean);

    /// <summary>The position of a community proposal.</summary>
    /// <exception cref="InvalidOperationException">When the message is not a community proposal.</exception>
    internal static IReadOnlyList<double> Position(AgentMessage message) =>
        message is CommunityProposal p ? p.Position : throw new InvalidOperationException($"Member '{message.SenderId}' did not answer with a community proposal.");

    /// <summary>Runs the community market.</summary>
    /// <exception cref="ArgumentException">When there are no members, the price series are shorter than the slots, or the options are out of range.</exception>
    public static CommunityResult Run(IReadOnlyList<IAgent> members, CommunityOutside outside, int slots, AdmmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(outside);
        if (outside.ImportPriceEurPerMwh.Count < slots || outside.ExportPriceEurPerMwh.Count < slots)
        {
            throw new ArgumentException($"The outside prices need {slots} values.", nameof(outside));
        }

        var outcome = SharingCore.Run(
            members,
            slots,
            options ?? AdmmOptions.Default,
            (k, rho, mean, u, alpha) => Signal(k, rho, mean, u) with { Relaxation = alpha },
            Position,
            OutsideCost(outside, slots));
        var (imports, exports) = AdmmMechanism.SplitOutsideTrade(outcome.Positions[^1]);
        return new CommunityResult
        {
            Diagnostics = outcome.Diagnostics,
            PricesEurPerMwh = outcome.PricesEurPerMwh,
            AgentIds = [.. members.Select(a => a.AgentId)],
            Injections = outcome.Positions[..^1],
            Imports = imports,
            Exports = exports,
            TotalCostEur = outcome.TotalCostEur,
        };
    }
}
