using Lem.Grid.Formulations;
using Lem.Markets.Pool;
using Lem.Settlement.Allocation;
using Lem.Testing;

namespace Lem.Settlement.Tests.Allocation;

/// <summary>Market payments at the local prices, checked against the outside market's exchange.</summary>
public sealed class PoolMarketPaymentsTests
{
    [Fact]
    public void Payments_AddUpToThePricedNetImport()
    {
        // Σ_i P_i + import − export = 0 per slot, so Σ_i payments = Σ_t λ_t (import − export) in MWh.
        var scenario = CommunityScenarios.Tiny() with { Grid = null };
        var result = PoolClearing.Clear(scenario, new CopperPlateFormulation());
        Assert.Equal(PoolStatus.Optimal, result.Status);

        var payments = PoolMarketPayments.PerParticipantEur(result, scenario.Horizon.SlotHours);

        var expected = result.Slots.Sum(s => s.PricesEurPerMwh[0] * (s.ImportMwh - s.ExportMwh));
        Approx.Equal(expected, payments.Sum(p => p.PaymentEur), 1e-6, what: "Σ payments");
        Assert.Equal(scenario.Participants.Select(p => p.Id), payments.Select(p => p.Participant));
    }
}
