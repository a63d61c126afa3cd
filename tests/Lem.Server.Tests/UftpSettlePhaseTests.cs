using System.Text.Json.Nodes;
using System.Xml.Linq;
using Lem.Testing;
using static Lem.Server.Tests.UftpTestAggregator;

namespace Lem.Server.Tests;

/// <summary>
/// The UFTP settle phase (docs/uftp.md, "Settle phase"): Lem as the DSO settles an aggregator's accepted FlexOrders
/// against its D-Prognosis and metered power, sends FlexSettlement and records the FlexSettlementResponse. The numbers
/// are the settlement example of docs/mechanisms/flexibility.md#settlement, recomputed by hand below.
/// </summary>
public sealed class UftpSettlePhaseTests
{
    private const string Period = "2026-03-02";

    // The settlement example by hand: C ordered 10 kW (less consumption) for one hour, ISPs 73–76, at 40 EUR/MWh; the
    // baseline consumption is 30 kW, the meter shows 24 kW. Delivered = min(10, max(0, 30 − 24)) = 6 kW; paid
    // 6 kW × 1 h × 40 EUR/MWh = 0.24 EUR; the order's price 10 kW × 1 h × 40 EUR/MWh = 0.40 EUR; the 4 kW shortfall
    // at 100 EUR/MWh costs 4 kW × 1 h × 100 EUR/MWh = 0.40 EUR.
    private const long BaselineW = 30_000, MeteredW = 24_000, OrderedW = -10_000, DeliveredW = -6_000;
    private const decimal PriceEur = 0.40m, PaidEur = 0.24m, ShortfallPenaltyEur = 0.40m;

    [SharedFact]
    public async Task SettlePhaseExchangeSettlesTheExampleAndRecordsTheAggregatorsAnswer()
    {
        await using var server = await TestServer.StartAsync();
        var agr = new UftpTestAggregator(server);
        var dso = await OrderedAndAccepted(server, agr);

        // Penalty rate 0: NetSettlement is the 0.24 EUR paid for 6 of 10 kW; UFTP's Penalty is the price not earned.
        var sent = await Settle(agr, dso, 0m);
        Assert.Equal(201, sent.Status);
        var settlement = Assert.Single(await agr.Poll());
        Assert.Equal("FlexSettlement", settlement.Name.LocalName);
        Assert.Equal(sent.Body!["message_id"]!.GetValue<string>(), Attr(settlement, "MessageID"));
        Assert.Equal((Period, Period, "EUR"), (Attr(settlement, "PeriodStart"), Attr(settlement, "PeriodEnd"), Attr(settlement, "Currency")));
        var order = Assert.Single(settlement.Elements("FlexOrderSettlement"));
        Assert.Equal(("ORD-S", Period, CongestionPoint), (Attr(order, "OrderReference"), Attr(order, "Period"), Attr(order, "CongestionPoint")));
        Assert.Equal(PriceEur, Dec(order, "Price"));
        Assert.Equal(PaidEur, Dec(order, "NetSettlement"));
        Assert.Equal(PriceEur - PaidEur, Dec(order, "Penalty"));
        var isps = order.Elements("ISP").ToList();
        Assert.Equal(["73", "74", "75", "76"], isps.Select(i => Attr(i, "Start")));
        foreach (var isp in isps)
        {
            Assert.Equal(
                (BaselineW, OrderedW, MeteredW, DeliveredW, OrderedW - DeliveredW),
                (long.Parse(Attr(isp, "BaselinePower")), long.Parse(Attr(isp, "OrderedFlexPower")), long.Parse(Attr(isp, "ActualPower")),
                 long.Parse(Attr(isp, "DeliveredFlexPower")), long.Parse(Attr(isp, "PowerDeficiency"))));
        }

        // The DSO's JSON view carries the same numbers.
        Assert.Equal(PaidEur, sent.Body["orders"]![0]!["utilisation_eur"]!.GetValue<decimal>());
        Assert.Equal(PaidEur, sent.Body["net_settlement_eur"]!.GetValue<decimal>());

        // A second settlement of the same period waits for the aggregator's answer to the first.
        Assert.Equal(409, (await Settle(agr, dso, 0m)).Status);

        // The aggregator rejects it; Lem records the reason and may send a corrected one (penalty 100 EUR/MWh).
        var reject = ResponseTo(settlement, "Meter data disputed");
        reject.Add(new XElement("FlexOrderSettlementStatus", new XAttribute("OrderReference", "ORD-S"), new XAttribute("Disposition", "Disputed"), new XAttribute("DisputeReason", "ActualPower too low")));
        var (status, none) = await agr.Send(reject);
        Assert.Equal((200, null), (status, none));
        var recorded = (await server.Get("/v1/uftp/settlements", dso)).Body!["settlements"]![0]!;
        Assert.Equal(("Rejected", "Meter data disputed"), (recorded["result"]!.GetValue<string>(), recorded["rejection_reason"]!.GetValue<string>()));
        Assert.Equal(("ORD-S", "Disputed", "ActualPower too low"), (recorded["order_statuses"]![0]!["order_reference"]!.GetValue<string>(),
            recorded["order_statuses"]![0]!["disposition"]!.GetValue<string>(), recorded["order_statuses"]![0]!["dispute_reason"]!.GetValue<string>()));

        var corrected = await Settle(agr, dso, 100m);
        Assert.Equal(201, corrected.Status);
        var second = Assert.Single(Assert.Single(await agr.Poll()).Elements("FlexOrderSettlement"));
        Assert.Equal(PaidEur - ShortfallPenaltyEur, Dec(second, "NetSettlement"));
        Assert.Equal(PriceEur - (PaidEur - ShortfallPenaltyEur), Dec(second, "Penalty"));
        Assert.Equal(ShortfallPenaltyEur, corrected.Body!["orders"]![0]!["deficiency_penalty_eur"]!.GetValue<decimal>());

        // Accepted this time, with the order accepted.
        var secondId = corrected.Body["message_id"]!.GetValue<string>();
        var accept = Message("FlexSettlementResponse", secondId);
        accept.Add(new XAttribute("ReferenceMessageID", secondId), new XAttribute("Result", "Accepted"),
            new XElement("FlexOrderSettlementStatus", new XAttribute("OrderReference", "ORD-S"), new XAttribute("Disposition", "Accepted")));
        Assert.Equal(200, (await agr.Send(accept)).Status);
        var settlements = (await server.Get("/v1/uftp/settlements", dso)).Body!["settlements"]!.AsArray();
        Assert.Equal(["Rejected", "Accepted"], settlements.Select(s => s!["result"]!.GetValue<string>()));

        // Every message Lem emitted in the conversation follows the specification's XSDs, the FlexSettlements included.
        var kinds = UftpXsd.AssertValid(agr.ReceivedEnvelopes);

        Assert.Superset(new HashSet<string> { "D-PrognosisResponse", "FlexOfferResponse", "FlexOrder", "FlexSettlement", "TestMessageResponse" }, kinds);
    }

    [Fact]
    public async Task BadSettlementsAreRefusedWithTheFieldAndNothingIsSent()
    {
        await using var server = await TestServer.StartAsync();
        var agr = new UftpTestAggregator(server);
        var dso = await OrderedAndAccepted(server, agr);

        var bad = await agr.DsoPost("/v1/uftp/settlements", dso, new Dictionary<string, object>
        {
            ["recipient_domain"] = AgrDomain, ["period_start"] = Period, ["period_end"] = "2026-03-01", ["penalty_eur_per_mwh"] = -1, ["colour"] = "red",
            ["meters"] = new[] { new Dictionary<string, object> { ["congestion_point"] = CongestionPoint, ["period"] = Period, ["isps"] = new[] { new Dictionary<string, object> { ["start"] = 97, ["power_w"] = 1 } } } },
        });
        Assert.Equal(400, bad.Status);
        Assert.Equal(["colour", "meters[0].isps", "penalty_eur_per_mwh", "period_end"], bad.Body!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));

        // A reading missing for an ordered ISP names it; an aggregator without accepted orders has nothing to settle.
        var missing = await agr.DsoPost("/v1/uftp/settlements", dso, SettlementBody(0m, isps: 3));
        Assert.Equal(400, missing.Status);
        Assert.Contains("ISP 76", missing.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var other = SettlementBody(0m);
        other["recipient_domain"] = "other.example.com";
        Assert.Equal(409, (await agr.DsoPost("/v1/uftp/settlements", dso, other)).Status);
        Assert.Empty(await agr.Poll());
    }

    /// <summary>The §14 order: a 30 kW prognosis, an unsolicited offer of 10 kW less consumption in ISPs 73–76 for 0.40 EUR, ordered in full and accepted.</summary>
    internal static async Task<string> OrderedAndAccepted(TestServer server, UftpTestAggregator agr)
    {
        await agr.Register();
        var dso = await server.Register("dso-1", "dso");
        var prognosis = Prognosis(Period, 1, [.. Enumerable.Repeat(BaselineW, 96)]);
        Assert.Equal("Accepted", Attr((await agr.Send(prognosis)).Response!, "Result"));
        var offer = UnsolicitedOffer(Period, Attr(prognosis, "MessageID"), "0.4000", "1.00", 73, 4, OrderedW);
        Assert.Equal("Accepted", Attr((await agr.Send(offer)).Response!, "Result"));
        var ordered = await agr.DsoPost("/v1/uftp/flex-orders", dso, new Dictionary<string, object>
        {
            ["flex_offer_message_id"] = Attr(offer, "MessageID"), ["activation_factor"] = 1.00m, ["order_reference"] = "ORD-S",
        });
        Assert.Equal(201, ordered.Status);
        var order = Assert.Single(await agr.Poll());
        Assert.Equal(200, (await agr.Send(ResponseTo(order))).Status);
        return dso;
    }

    internal static Task<(int Status, JsonNode? Body, string ContentType)> Settle(UftpTestAggregator agr, string dso, decimal penalty) =>
        agr.DsoPost("/v1/uftp/settlements", dso, SettlementBody(penalty));

    private static Dictionary<string, object> SettlementBody(decimal penalty, int isps = 4) => new()
    {
        ["recipient_domain"] = AgrDomain, ["period_start"] = Period, ["period_end"] = Period, ["penalty_eur_per_mwh"] = penalty,
        ["meters"] = new[]
        {
            new Dictionary<string, object>
            {
                ["congestion_point"] = CongestionPoint, ["period"] = Period,
                ["isps"] = new[] { new Dictionary<string, object> { ["start"] = 73, ["duration"] = isps, ["power_w"] = MeteredW } },
            },
        },
    };
}
