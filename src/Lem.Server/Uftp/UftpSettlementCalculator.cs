using System.Xml.Linq;
using Lem.Domain.Ids;
using Lem.Markets.Flexibility.Clearing;
using Lem.Markets.Flexibility.Domain;
using Lem.Markets.Flexibility.Products;
using Lem.Markets.Flexibility.Settlement;

namespace Lem.Server.Uftp;

/// <summary>
/// Settles UFTP FlexOrders with the flexibility market's settlement (docs/uftp.md "Settle phase",
/// docs/mechanisms/flexibility.md#settlement): each order's ISPs become Lem flex orders of one slot each, the baseline
/// D-Prognosis the FSP's prognosis baseline, and <see cref="FlexPortfolioSettlement"/> computes delivered flex power,
/// utilisation and penalty; the results go back to UFTP's watts (positive = consumption) and its FlexOrderSettlement.
/// </summary>
internal static class UftpSettlementCalculator
{
    /// <summary>
    /// Settles the orders, each with its baseline, against the metered power per congestion point, day and ISP (watts,
    /// positive = consumption): the order settlements, or the field and problem when a reading or a baseline power is missing.
    /// </summary>
    /// <param name="orders">The orders with the D-Prognosis that is their baseline.</param>
    /// <param name="meteredW">The metered power by congestion point, day and ISP.</param>
    /// <param name="ispMinutes">The ISP length.</param>
    /// <param name="ispCount">The number of ISPs of a day.</param>
    /// <param name="penaltyEurPerMwh">The penalty on flex energy ordered but not delivered.</param>
    public static (List<UftpOrderSettlement>? Lines, (string Field, string Problem)? Problem) Settle(
        IReadOnlyList<(UftpFlexOrder Order, UftpPrognosis Baseline)> orders,
        IReadOnlyDictionary<(string CongestionPoint, DateOnly Period, long Isp), long> meteredW,
        int ispMinutes,
        Func<DateOnly, int> ispCount,
        double penaltyEurPerMwh)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(meteredW);
        ArgumentNullException.ThrowIfNull(ispCount);
        var ispHours = ispMinutes / 60.0;
        var deliveries = new Dictionary<(string OrderMessageId, int Slot), FlexDelivery>();

        // One Lem market per congestion point, day and baseline: the orders sharing them are one portfolio (netted per ISP).
        foreach (var group in orders.GroupBy(o => (o.Order.Offer.CongestionPoint, o.Order.Offer.Period, o.Baseline.MessageId)))
        {
            var (congestionPoint, period, _) = group.Key;
            var baseline = group.First().Baseline;
            var fsp = new ParticipantId("fsp");
            var bus = new BusId("cp");
            var flexOrders = new List<FlexOrder>();
            foreach (var (order, _) in group)
            {
                var ordered = OrderedIsps(order).ToList();
                var orderedMwh = ordered.Sum(i => Math.Abs(i.OrderedPowerW)) * ispHours / 1e6;
                var priceEurPerMwh = orderedMwh == 0 ? 0 : (double)(order.PriceEur / (decimal)orderedMwh);
                foreach (var (isp, optionPowerW, orderedPowerW) in ordered)
                {
                    if (baseline.PowerAt(isp) is null)
                    {
                        return (null, ("recipient_domain", $"the baseline D-Prognosis {baseline.MessageId} of the FlexOrder {order.OrderReference} has no power for ISP {isp}"));
                    }

                    if (!meteredW.ContainsKey((congestionPoint, period, isp)))
                    {
                        return (null, ("meters", $"no power_w for congestion point {congestionPoint} on {UftpWriter.Date(period)} ISP {isp}, ordered by {order.OrderReference}"));
                    }

                    var offer = new FlexOffer
                    {
                        Id = order.MessageId,
                        Fsp = fsp,
                        Bus = bus,
                        Product = FlexProducts.Activation,
                        Direction = orderedPowerW < 0 ? FlexDirection.Up : FlexDirection.Down,
                        PowerKw = Math.Abs(optionPowerW) / 1000.0,
                        PriceEurPerMwh = priceEurPerMwh,
                        MinActivationFactor = (double)order.Option.MinActivationFactor,
                        Slots = [(int)isp - 1],
                    };
                    flexOrders.Add(new FlexOrder(offer, (int)isp - 1, (double)order.ActivationFactor, Math.Abs(orderedPowerW) / 1000.0, 0, priceEurPerMwh, 0m));
                }
            }

            // Lem's sign convention: net injection in kW, so a consumption of W watts is −W/1000.
            var count = ispCount(period);
            var market = new FlexMarket
            {
                SlotCount = count,
                SlotHours = ispHours,
                Rules = new FlexMarketRules { IspMinutes = ispMinutes, PenaltyEurPerMwh = penaltyEurPerMwh },
                Prognoses = [new FlexPrognosis(bus, [.. Enumerable.Range(1, count).Select(i => -(baseline.PowerAt(i) ?? 0) / 1000.0)]) { Fsp = fsp }],
            };
            var result = FlexPortfolioSettlement.Settle(market, flexOrders, (_, slot) => -meteredW.GetValueOrDefault((congestionPoint, period, slot + 1)) / 1000.0);
            foreach (var line in result.Lines)
            {
                deliveries[(line.Order.Offer.Id, line.Order.Slot)] = line.Delivery;
            }
        }

        var lines = new List<UftpOrderSettlement>();
        foreach (var (order, baseline) in orders)
        {
            var isps = new List<UftpSettlementIsp>();
            decimal utilisation = 0, penalty = 0;
            foreach (var (isp, _, orderedPowerW) in OrderedIsps(order))
            {
                var delivery = deliveries[(order.MessageId, (int)isp - 1)];
                var deliveredW = Math.Sign(orderedPowerW) * (long)Math.Round(delivery.DeliveredKw * 1000, MidpointRounding.AwayFromZero);
                isps.Add(new UftpSettlementIsp(isp, baseline.PowerAt(isp)!.Value, orderedPowerW, meteredW[(order.Offer.CongestionPoint, order.Offer.Period, isp)], deliveredW, orderedPowerW - deliveredW));
                utilisation += delivery.PaymentEur;
                penalty += delivery.PenaltyEur;
            }

            lines.Add(new UftpOrderSettlement(order, baseline, utilisation, penalty, isps));
        }

        return (lines, null);
    }

    /// <summary>The FlexOrderSettlement element of an order's settlement, one ISP element per ISP.</summary>
    public static XElement Element(UftpOrderSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var order = settlement.Order;
        var element = new XElement(
            "FlexOrderSettlement",
            new XAttribute("Period", UftpWriter.Date(order.Offer.Period)),
            new XAttribute("D-PrognosisMessageID", settlement.Baseline.MessageId),
            new XAttribute("OrderReference", order.OrderReference),
            new XAttribute("CongestionPoint", order.Offer.CongestionPoint),
            new XAttribute("Price", UftpWriter.Amount(order.PriceEur)),
            new XAttribute("Penalty", UftpWriter.Amount(settlement.PenaltyEur)),
            new XAttribute("NetSettlement", UftpWriter.Amount(settlement.NetSettlementEur)));
        foreach (var isp in settlement.Isps)
        {
            element.Add(UftpWriter.Isp(
                isp.Isp, 1, ("BaselinePower", isp.BaselinePowerW), ("OrderedFlexPower", isp.OrderedFlexPowerW), ("ActualPower", isp.ActualPowerW),
                ("DeliveredFlexPower", isp.DeliveredFlexPowerW), ("PowerDeficiency", isp.PowerDeficiencyW)));
        }

        return element;
    }

    /// <summary>
    /// The ContractSettlement the specification's XSD requires in every FlexSettlement (at least one, although its
    /// catalogue calls it optional): Lem has no bilateral contracts, so it sends one with ContractID <c>none</c>, no
    /// reserved power and the ordered power per ordered ISP (docs/uftp.md, "Settle phase").
    /// </summary>
    public static XElement ContractSettlement(IReadOnlyList<UftpOrderSettlement> settlements)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        var contract = new XElement("ContractSettlement", new XAttribute("ContractID", "none"));
        foreach (var day in settlements.GroupBy(s => s.Order.Offer.Period).OrderBy(g => g.Key))
        {
            var period = new XElement("Period", new XAttribute("Period", UftpWriter.Date(day.Key)));
            foreach (var isp in day.SelectMany(s => s.Isps).GroupBy(i => i.Isp).OrderBy(g => g.Key))
            {
                period.Add(UftpWriter.Isp(isp.Key, 1, ("ReservedPower", 0), ("OrderedPower", isp.Sum(i => i.OrderedFlexPowerW))));
            }

            contract.Add(period);
        }

        return contract;
    }

    /// <summary>The ordered ISPs of an order with the option's and the ordered power (watts), skipping ISPs ordered at 0 W.</summary>
    private static IEnumerable<(long Isp, long OptionPowerW, long OrderedPowerW)> OrderedIsps(UftpFlexOrder order)
    {
        foreach (var element in order.Option.Isps)
        {
            var orderedW = order.OrderedPowerW(element);
            for (var isp = element.Start; isp <= element.End && orderedW != 0; isp++)
            {
                yield return (isp, element.PowerW, orderedW);
            }
        }
    }
}
