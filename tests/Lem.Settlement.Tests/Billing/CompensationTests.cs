using Lem.Settlement.Tariffs;
using Lem.Settlement.Billing;
using static Lem.Settlement.Tests.Billing.SettlementCases;

namespace Lem.Settlement.Tests.Billing;

/// <summary>The no-worse-off check and the proportional compensation rule on hand examples.</summary>
public sealed class CompensationTests
{
    private static readonly SettlementSettings Proportional = new() { Compensation = SettlementCompensationRule.Proportional };

    // Each participant withdraws 10 kWh; the baseline is 10 kWh · 0.30 = 3.00 EUR. The price sets the bill.
    private static SettlementResult Settle(SettlementSettings settings, params (string Id, double Price)[] participants) =>
        SettlementEngine.Settle(Positions(settings, 60, [.. participants.Select(p => (p.Id, new[] { -10.0 }, new[] { p.Price }))]));

    [Fact]
    public void Compensation_WhenTheGainCoversTheLoss_MakesTheLoserWhole_WinnersPayInProportion()
    {
        // Bills 5.00, 0.00, 2.00 → savings −2.00, +3.00, +1.00; the loss 2.00 is paid 3:1.
        var r = Settle(Proportional, ("a", 500), ("b", 0), ("c", 200));

        Assert.Equal(CompensationStatus.Applied, r.Compensation.Status);
        Assert.Equal(2.00m, r.Compensation.DeficitEur);
        Assert.Equal(4.00m, r.Compensation.GainEur);
        Assert.Equal([2.00m, -1.50m, -0.50m], r.Compensation.Transfers.Select(t => t.AmountEur));
        Assert.Equal([0.00m, 1.50m, 0.50m], r.Invoices.Select(i => i.SavingsEur));
        Assert.Equal([-2.00m, 3.00m, 1.00m], r.Invoices.Select(i => i.SavingsBeforeCompensationEur));
        Assert.Equal(-2.00m, Amount(Of(r, "a"), "compensation.received"));
        Assert.Equal("a", Assert.Single(r.Kpis.WorseOff).Participant.Value);
        Assert.Empty(r.Kpis.WorseOffAfterCompensation);
        Assert.Equal(0m, r.Budget.CompensationEur);
        Assert.True(r.Budget.IsBalanced);
    }

    [Fact]
    public void Compensation_RoundsContributionsToCents_ByLargestRemainder()
    {
        // Savings −1.00, +1.00, +2.00: shares 1/3 and 2/3 of 1.00 → 0.33 and 0.67 (the larger remainder gets the cent).
        var r = Settle(Proportional, ("a", 400), ("b", 200), ("c", 100));

        Assert.Equal([1.00m, -0.33m, -0.67m], r.Compensation.Transfers.Select(t => t.AmountEur));
        Assert.Equal(0m, r.Compensation.Transfers.Sum(t => t.AmountEur));
        Assert.All(r.Invoices, i => Assert.True(i.SavingsEur >= 0));
    }

    [Fact]
    public void Compensation_WhenTheGainIsTooSmall_TransfersNothing()
    {
        // Savings −7.00, +3.00, +1.00: the community as a whole loses.
        var r = Settle(Proportional, ("a", 1000), ("b", 0), ("c", 200));

        Assert.Equal(CompensationStatus.InsufficientGain, r.Compensation.Status);
        Assert.Empty(r.Compensation.Transfers);
        Assert.Equal(r.Kpis.WorseOff.Select(w => w.Participant), r.Kpis.WorseOffAfterCompensation.Select(w => w.Participant));
        Assert.DoesNotContain(r.Invoices.SelectMany(i => i.Lines), l => l.Category == InvoiceCategory.Compensation);
    }

    [Fact]
    public void Compensation_Disabled_OnlyListsWhoIsWorseOff()
    {
        var r = Settle(SettlementSettings.Default, ("a", 500), ("b", 0), ("c", 350));

        Assert.Equal(CompensationStatus.Disabled, r.Compensation.Status);
        Assert.Equal(["a", "c"], r.Kpis.WorseOff.Select(w => w.Participant.Value)); // largest loss first: −2.00, −0.50
        Assert.Equal([-2.00m, -0.50m], r.Kpis.WorseOff.Select(w => w.SavingsEur));
    }
}
