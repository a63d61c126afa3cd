using Lem.Markets.Clearing;

namespace Lem.Markets.Tests.Redispatch;

/// <summary>Checks that a clearing keeps every participant within its bid limits.</summary>
internal static class BidLimitAssert
{
    /// <summary>Every position's net injection ≤ its injection cap and its net withdrawal ≤ its withdrawal cap (1e-6 kW tolerance).</summary>
    public static void Honoured(MarketInput market, ClearingResult clearing, BidLimits limits)
    {
        Assert.True(clearing.HasSchedule, clearing.Message);
        foreach (var position in clearing.Positions)
        {
            for (var t = 0; t < market.Horizon.Count; t++)
            {
                var p = position.NetInjectionKw[t];
                Assert.True(p <= limits.MaxInjectionKw(position.Participant, t) + 1e-6, $"{position.Participant} injects {p} kW in slot {t}, cap {limits.MaxInjectionKw(position.Participant, t)}");
                Assert.True(-p <= limits.MaxWithdrawalKw(position.Participant, t) + 1e-6, $"{position.Participant} withdraws {-p} kW in slot {t}, cap {limits.MaxWithdrawalKw(position.Participant, t)}");
            }
        }
    }
}
