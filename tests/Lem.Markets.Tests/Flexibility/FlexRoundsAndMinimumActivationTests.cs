using Lem.Markets.Flexibility.Clearing;
using Lem.Markets.Flexibility.Domain;

namespace Lem.Markets.Tests.Flexibility;

/// <summary>Minimum activation factors (a MILP) and the relinearisation rounds after the AC check, on the feeder of worked example A.</summary>
public sealed class FlexRoundsAndMinimumActivationTests
{
    [Fact]
    public void AllOrNothingB_IsTakenWhole_WithE_For270()
    {
        // By hand: line 1–2 needs 20 kW from A (15 at most) and B; B all-or-nothing gives 30, which covers it alone;
        // line 0–1 then needs 10 more, cheapest from E: B 30 + E 10 = 2.40 + 0.30 = 2.70 EUR (A 15 + B 30 + … costs more).
        var (grid, market) = FlexFeeders.ExampleA();
        var offers = market.Offers.Select(o => o.Id == "B" ? o with { MinActivationFactor = 1 } : o).ToList();

        var r = FlexClearing.Clear(market with { Offers = offers }, grid);

        Assert.Equal(FlexClearingStatus.Cleared, r.Status);
        Assert.Equal(30, r.Orders.Single(o => o.Offer.Id == "B").PowerKw, 6);
        Assert.Equal(10, r.Orders.Single(o => o.Offer.Id == "E").PowerKw, 6);
        Assert.DoesNotContain(r.Orders, o => o.Offer.Id is "A" or "C" or "G");
        Assert.Equal(2.70m, Math.Round(r.CostEur, 6));
    }

    [Fact]
    public void LossyFeeder_FirstRoundLeavesAnAcOverload_SecondRoundRemovesIt()
    {
        // With r = 0.3 p.u. the losses and the voltage drop raise the current of line 0–1 above its rating after the
        // lossless selection; the second round shifts the limit by the AC mismatch and buys more.
        var (_, market) = FlexFeeders.ExampleA();
        var grid = FlexFeeders.Radial(1.0, [0, 1], [0.3, 0.3], [0.1, 0.1], [0.120, 0.080], vmMin: 0.5, vmMax: 1.5);

        var one = FlexClearing.Clear(market, grid, new FlexClearingOptions { MaxRounds = 1 });
        var more = FlexClearing.Clear(market, grid, new FlexClearingOptions { MaxRounds = 5 });

        Assert.Equal(FlexClearingStatus.ViolationsRemain, one.Status);
        Assert.NotEmpty(one.ViolationsAfter);
        Assert.Equal(FlexClearingStatus.Cleared, more.Status);
        Assert.True(more.Rounds >= 2, $"{more.Rounds} rounds");
        Assert.Empty(more.ViolationsAfter);
        Assert.True(more.CostEur > one.CostEur, $"{more.CostEur} EUR after the rounds, {one.CostEur} EUR after one");
    }
}
