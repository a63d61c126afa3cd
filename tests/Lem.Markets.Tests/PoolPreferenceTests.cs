using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Assets;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Testing;
using static Lem.Markets.Tests.TestScenarios;

namespace Lem.Markets.Tests;

/// <summary>
/// Multi-class energy in the pool (docs/mechanisms/pool.md#preferences-multi-class-energy). One hour, copper plate,
/// import 150 and export 20 EUR/MWh. Buyer B: 10 kW worth 100 EUR/MWh (curtailable), premium π for green energy.
/// Green seller G: 2 kW of free PV and an offer of 5 kWh at 45. Seller O (not green): an offer of 10 kWh at 40.
/// Without the premium B takes the PV and 8 kWh of O at 40; the welfare counts a curtailable load's shedding, not its
/// served demand, so it is −0.32 EUR. With π = 10, G's offer
/// costs B 45 − 10 = 35 &lt; 40: G sells all 5 kWh, O the last 3; O stays marginal, so the price is 40; the labelled energy
/// z = 7 kWh is bounded by G's supply (B takes 10), so its dual, the green premium price, is the whole premium 10;
/// welfare −0.225 − 0.12 + 7·10/1000 = −0.275 EUR. With π = 3 &lt; 5 the offer stays out, only the PV's 2 kWh is
/// labelled, its premium price is 3 and the welfare −0.32 + 2·3/1000 = −0.314 EUR.
/// </summary>
public sealed class PoolPreferenceTests
{
    private static Scenario Green(double? premium)
    {
        var load = new CurtailableLoad(new AssetId("b-load"), null, SlotSeries.Constant(10, 1), Price.FromEurPerMwh(100));
        var pv = new RenewableGenerator(new AssetId("g-pv"), null, RenewableKind.Pv, Power.FromKw(5), SlotSeries.Constant(2, 1), Price.FromEurPerMwh(0));
        var b = Participant("B", ParticipantRole.Consumer, [load]) with
        {
            Preferences = premium is { } p ? [new Preference(PreferenceClass.Green, (decimal)p, null, [])] : [],
        };
        var g = Participant("G", ParticipantRole.Producer, [pv], [Order("g", "G", OrderSide.Sell, 0, (45, 0.005))]);
        var o = Participant("O", ParticipantRole.Producer, orders: [Order("o", "O", OrderSide.Sell, 0, (40, 0.010))]);
        return Scenario("green", Hourly(1), Market([150], [20]), b, g, o);
    }

    private static double Accepted(PoolResult r, string order) => r.Orders.Single(x => x.Order.Value == order).TotalAcceptedKwh;

    [Fact]
    public void Without_a_premium_the_cheaper_grey_offer_serves_the_buyer()
    {
        var r = PoolClearing.Clear(Green(null), new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Approx.Equal(0, Accepted(r, "g"), 1e-6, what: "G's offer");
        Approx.Equal(8, Accepted(r, "o"), 1e-6, what: "O's offer");
        Approx.Equal(40, r.Slots[0].PricesEurPerMwh.Single(), 1e-6, what: "price");
        Approx.Equal(-0.32, (double)r.WelfareEur, 1e-6, what: "welfare");
        Assert.Empty(r.PremiumPrices);
    }

    [Fact]
    public void A_green_premium_above_the_cost_gap_moves_the_purchase_to_the_green_seller_and_prices_the_class()
    {
        var r = PoolClearing.Clear(Green(10), new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Approx.Equal(5, Accepted(r, "g"), 1e-6, what: "G's offer");
        Approx.Equal(3, Accepted(r, "o"), 1e-6, what: "O's offer");
        Approx.Equal(40, r.Slots[0].PricesEurPerMwh.Single(), 1e-6, what: "price");
        Approx.Equal(-0.275, (double)r.WelfareEur, 1e-6, what: "welfare");
        var premium = Assert.Single(r.PremiumPrices);
        Assert.Equal(("G", 0), (premium.SellerId, premium.Slot));
        Approx.Equal(7, premium.LabelledKwh, 1e-6, what: "labelled energy");
        Approx.Equal(10, premium.PriceEurPerMwh, 1e-6, what: "green premium price");
    }

    [Fact]
    public void A_green_premium_below_the_cost_gap_only_labels_the_free_green_energy()
    {
        var r = PoolClearing.Clear(Green(3), new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Approx.Equal(0, Accepted(r, "g"), 1e-6, what: "G's offer");
        Approx.Equal(8, Accepted(r, "o"), 1e-6, what: "O's offer");
        Approx.Equal(-0.314, (double)r.WelfareEur, 1e-6, what: "welfare");
        var premium = Assert.Single(r.PremiumPrices);
        Approx.Equal(2, premium.LabelledKwh, 1e-6, what: "labelled energy");
        Approx.Equal(3, premium.PriceEurPerMwh, 1e-6, what: "green premium price");
    }
}
