using Lem.Markets.Flexibility.Baselines;
using Lem.Markets.Flexibility.Clearing;
using Lem.Markets.Flexibility.Domain;
using Lem.Markets.Flexibility.Products;
using Lem.Markets.Flexibility.Settlement;

namespace Lem.Markets.Tests.Flexibility;

/// <summary>
/// Portfolio settlement by hand (docs/mechanisms/flexibility.md#settlement): one FSP with an activation order A (10 kW
/// at 40 EUR/MWh) and an availability order B (5 kW, 8 EUR/MW/h + 20 EUR/MWh, paid 28 EUR/MWh pay-as-bid) in a
/// 15-minute slot at the end of January, and A again in the first slot of February; penalty 100 EUR/MWh.
/// </summary>
public sealed class FlexPortfolioSettlementTests
{
    private static readonly ParticipantId Agg = new("agg");

    private static FlexOffer Offer(string id, IFlexProduct product, double kw, double price, double availability = 0) => new()
    {
        Id = id,
        Fsp = Agg,
        Bus = new BusId("1"),
        Product = product,
        Direction = FlexDirection.Up,
        PowerKw = kw,
        PriceEurPerMwh = price,
        AvailabilityEurPerMwPerHour = availability,
        Slots = [0, 1],
    };

    private static (FlexMarket Market, List<FlexOrder> Orders) Case()
    {
        var a = Offer("A", FlexProducts.Activation, 10, 40);
        Assert.True(FlexProducts.TryGet("availability", out var availability));
        var b = Offer("B", availability, 5, 20, availability: 8);
        var market = new FlexMarket
        {
            SlotCount = 2,
            SlotHours = 0.25,
            Rules = new FlexMarketRules { PenaltyEurPerMwh = 100 },
            Baseline = new FlexBaselineSpec { Method = "nomination" },
            Nominations = [new FlexNomination(Agg, [-50, -50])],
            SlotStarts = [new DateTimeOffset(2026, 1, 31, 23, 45, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.FromHours(1))],
        };
        List<FlexOrder> orders =
        [
            new(a, 0, 1, 10, 0, 40, 0.1m),
            new(b, 0, 1, 5, 0, 28, 0.035m),
            new(a, 1, 1, 10, 0, 40, 0.1m),
        ];
        return (market, orders);
    }

    private static double? Metered(ParticipantId fsp, int slot) => fsp == Agg ? (slot == 0 ? -41 : -50) : null;

    [Fact]
    public void TwoOrdersInASlot_ShareTheDeliveredChangePro_Rata_AndArePaidAndPenalisedByHand()
    {
        var (market, orders) = Case();

        var r = FlexPortfolioSettlement.Settle(market, orders, Metered);

        // Slot 0: baseline −50, metered −41: 9 of the 15 kW ordered delivered, a share of 0.6.
        var a = r.Lines.Single(l => l.Order.Offer.Id == "A" && l.Order.Slot == 0).Delivery;
        var b = r.Lines.Single(l => l.Order.Offer.Id == "B").Delivery;
        Assert.Equal(6, a.DeliveredKw, 9);
        Assert.Equal(4, a.ShortfallKw, 9);
        Assert.Equal(0.06m, a.PaymentEur);      // 6 kW · 0.25 h · 40 EUR/MWh
        Assert.Equal(0.1m, a.PenaltyEur);       // 4 kW · 0.25 h · 100 EUR/MWh
        Assert.Equal(0m, a.AvailabilityEur);
        Assert.Equal(3, b.DeliveredKw, 9);
        Assert.Equal(0.015m, b.PaymentEur);     // 3 kW · 0.25 h · (28 − 8) EUR/MWh
        Assert.Equal(0.01m, b.AvailabilityEur); // 5 kW · 0.25 h · 8 EUR/MW/h
        Assert.Equal(0.05m, b.PenaltyEur);      // 2 kW · 0.25 h · 100 EUR/MWh
        Assert.Equal(-0.025m, b.NetEur);
        Assert.Equal(-50, b.BaselineKw);
        Assert.Equal(-41, b.ActualKw);
    }

    [Fact]
    public void Statements_AreMonthly_PerFsp()
    {
        var (market, orders) = Case();

        var r = FlexPortfolioSettlement.Settle(market, orders, Metered);

        Assert.Equal("nomination", r.BaselineMethod);
        Assert.Equal(2, r.Statements.Count);
        var jan = r.Statements[0];
        Assert.Equal(("2026-01", 2), (jan.Month, jan.Lines));
        Assert.Equal(3.75, jan.OrderedKwh, 9);
        Assert.Equal(2.25, jan.DeliveredKwh, 9);
        Assert.Equal(1.5, jan.DeficiencyKwh, 9);
        Assert.Equal(0.075m, jan.UtilisationEur);
        Assert.Equal(0.01m, jan.AvailabilityEur);
        Assert.Equal(0.15m, jan.PenaltyEur);
        Assert.Equal(-0.065m, jan.NetEur);
        var feb = r.Statements[1];
        Assert.Equal(("2026-02", 1, 0.0), (feb.Month, feb.Lines, feb.DeliveredKwh));
        Assert.Equal(0.25m, feb.PenaltyEur);    // 10 kW · 0.25 h · 100 EUR/MWh, nothing delivered
        Assert.Equal(-0.25m, feb.NetEur);
    }

    [Fact]
    public void MissingReadingsAndBaselines_AreNamed()
    {
        var (market, orders) = Case();

        var problems = FlexPortfolioSettlement.Problems(market with { Nominations = [] }, orders, (_, slot) => slot == 0 ? -41 : null);

        Assert.Contains(problems, p => p.Contains("no nomination", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no meter reading", StringComparison.Ordinal) && p.Contains("slot 1", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => FlexPortfolioSettlement.Settle(market with { Nominations = [] }, orders, Metered));
    }
}
