using Lem.Domain.Participants;
using Lem.Markets.Clearing;

namespace Lem.Settlement.Allocation;

/// <summary>Which participants of a scenario are players of its cost-allocation game.</summary>
public static class AllocationPlayers
{
    /// <summary>
    /// The participants with at least one asset or order, in scenario order. Participants without either (a market
    /// operator, a DSO without assets) change no coalition's clearing, so they are null players with a zero share;
    /// leaving them out halves the coalitions to evaluate for each of them.
    /// </summary>
    public static IReadOnlyList<Participant> Select(MarketInput scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return [.. scenario.Participants.Where(p => p.Assets.Count > 0 || p.Orders.Count > 0)];
    }
}
