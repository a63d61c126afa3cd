using Lem.Markets.Flexibility.Clearing;
using Lem.Markets.Flexibility.Domain;
using Lem.Markets.Flexibility.Settlement;

namespace Lem.Markets.Tests.Flexibility;

/// <summary>The settlement example of docs/mechanisms/flexibility.md, by hand: C ordered 10 kW up for an hour at 40 EUR/MWh.</summary>
public sealed class FlexDeliverySettlementTests
{
    private static FlexOrder OrderC(FlexDirection direction = FlexDirection.Up) =>
        new(FlexFeeders.Offer("C", 1, direction, 30, 40), 0, 1.0 / 3, 10, 0, 40, 0.4m);

    [Fact]
    public void Baseline30KwLoad_Metered24Kw_Delivers6Of10_Paid024_ShortfallPenalised()
    {
        var d = FlexDeliverySettlement.Settle(OrderC(), baselineKw: -30, meteredKw: -24, slotHours: 1, penaltyEurPerMwh: 100);

        Assert.Equal(6, d.DeliveredKw, 9);
        Assert.Equal(4, d.ShortfallKw, 9);
        Assert.Equal(0.24m, d.PaymentEur);
        Assert.Equal(0.4m, d.PenaltyEur);
        Assert.Equal(-0.16m, d.NetEur);
    }

    [Fact]
    public void OverDelivery_IsCappedAtTheOrder_AndTheWrongDirection_DeliversNothing()
    {
        var over = FlexDeliverySettlement.Settle(OrderC(), baselineKw: -30, meteredKw: -5, slotHours: 1, penaltyEurPerMwh: 100);
        var wrong = FlexDeliverySettlement.Settle(OrderC(), baselineKw: -30, meteredKw: -35, slotHours: 0.25, penaltyEurPerMwh: 100);

        Assert.Equal(10, over.DeliveredKw, 9);
        Assert.Equal(0.4m, over.PaymentEur);
        Assert.Equal(0m, over.PenaltyEur);
        Assert.Equal(0, wrong.DeliveredKw, 9);
        Assert.Equal(0.25m, wrong.PenaltyEur);
    }
}
