using Lem.Markets.Pool;

namespace Lem.Settlement.Allocation;

/// <summary>
/// What each participant pays in a pool clearing at the cleared local prices: Σ_t −P_{i,t} · λ_{b(i),t} · Δt / 1000
/// in EUR, with P the net injection in kW (so net withdrawal is paid for and net sales earn), λ the price at the
/// participant's bus in EUR/MWh. Reported next to the cooperative allocations for comparison.
/// </summary>
/// <remarks>
/// These are market payments, not costs: they leave out the curtailment costs and values of lost load that
/// C(S) includes and the import/export margin the community keeps, so they need not add up to C(N).
/// </remarks>
public static class PoolMarketPayments
{
    /// <summary>Each participant's payment in EUR, in the result's participant order.</summary>
    /// <param name="result">An optimal pool result.</param>
    /// <param name="slotHours">The slot length in hours.</param>
    /// <exception cref="ArgumentException">When the result is not optimal, or a participant's bus has no price.</exception>
    public static IReadOnlyList<(ParticipantId Participant, double PaymentEur)> PerParticipantEur(PoolResult result, double slotHours)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status != PoolStatus.Optimal)
        {
            throw new ArgumentException($"Market payments need an optimal clearing; this one is {result.Status}.", nameof(result));
        }

        var list = new List<(ParticipantId, double)>(result.Participants.Count);
        foreach (var p in result.Participants)
        {
            var b = 0;
            if (p.Bus is { } bus && !result.TryGetBusIndex(bus, out b))
            {
                throw new ArgumentException($"Participant '{p.Participant}' is at bus '{bus}', which has no price in the result.", nameof(result));
            }

            var pay = 0.0;
            for (var t = 0; t < p.NetInjectionKw.Count; t++)
            {
                pay -= p.NetInjectionKw[t] * result.Slots[t].PricesEurPerMwh[b] * slotHours / 1000.0;
            }

            list.Add((p.Participant, pay));
        }

        return list;
    }
}
