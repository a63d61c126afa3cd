using System.Xml.Linq;

namespace Lem.Server.Uftp;

/// <summary>A FlexSettlement Lem sent to an aggregator, with the aggregator's FlexSettlementResponse once it arrived (docs/uftp.md, "Settle phase").</summary>
/// <param name="MessageId">Its MessageID.</param>
/// <param name="Recipient">The aggregator's domain.</param>
/// <param name="PeriodStart">The first day settled.</param>
/// <param name="PeriodEnd">The last day settled.</param>
/// <param name="PenaltyEurPerMwh">The penalty rate on flex energy ordered but not delivered (EUR/MWh).</param>
/// <param name="Orders">The settled orders.</param>
internal sealed record UftpSettlement(string MessageId, string Recipient, DateOnly PeriodStart, DateOnly PeriodEnd, decimal PenaltyEurPerMwh, IReadOnlyList<UftpOrderSettlement> Orders)
{
    private readonly List<(string OrderReference, string Disposition, string? DisputeReason)> _statuses = [];

    /// <summary>The aggregator's answer: null until its FlexSettlementResponse arrives, then Accepted or Rejected.</summary>
    public string? Result { get; private set; }

    /// <summary>The aggregator's reason when it rejected the settlement.</summary>
    public string? RejectionReason { get; private set; }

    /// <summary>Records a FlexSettlementResponse: its result, reason and the per-order dispositions (Accepted or Disputed with a reason).</summary>
    public void Record(XElement response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Result = (string)response.Attribute("Result")!;
        RejectionReason = (string?)response.Attribute("RejectionReason");
        _statuses.Clear();
        _statuses.AddRange(response.Elements("FlexOrderSettlementStatus").Select(s =>
            ((string?)s.Attribute("OrderReference") ?? string.Empty, (string)s.Attribute("Disposition")!, (string?)s.Attribute("DisputeReason"))));
    }

    /// <summary>The JSON view of the DSO's API.</summary>
    public JsonObject View() => new()
    {
        ["message_id"] = MessageId,
        ["recipient_domain"] = Recipient,
        ["period_start"] = UftpWriter.Date(PeriodStart),
        ["period_end"] = UftpWriter.Date(PeriodEnd),
        ["penalty_eur_per_mwh"] = Engine.Views.Normalize(PenaltyEurPerMwh),
        ["net_settlement_eur"] = Engine.Views.Normalize(Orders.Sum(o => o.NetSettlementEur)),
        ["orders"] = new JsonArray([.. Orders.Select(o => (JsonNode)new JsonObject
        {
            ["order_reference"] = o.Order.OrderReference,
            ["flex_order_message_id"] = o.Order.MessageId,
            ["congestion_point"] = o.Order.Offer.CongestionPoint,
            ["period"] = UftpWriter.Date(o.Order.Offer.Period),
            ["d_prognosis_message_id"] = o.Baseline.MessageId,
            ["price_eur"] = Engine.Views.Normalize(o.Order.PriceEur),
            ["utilisation_eur"] = Engine.Views.Normalize(o.UtilisationEur),
            ["deficiency_penalty_eur"] = Engine.Views.Normalize(o.DeficiencyPenaltyEur),
            ["penalty_eur"] = Engine.Views.Normalize(o.PenaltyEur),
            ["net_settlement_eur"] = Engine.Views.Normalize(o.NetSettlementEur),
            ["isps"] = new JsonArray([.. o.Isps.Select(i => (JsonNode)new JsonObject
            {
                ["start"] = i.Isp, ["baseline_power_w"] = i.BaselinePowerW, ["ordered_flex_power_w"] = i.OrderedFlexPowerW, ["actual_power_w"] = i.ActualPowerW,
                ["delivered_flex_power_w"] = i.DeliveredFlexPowerW, ["power_deficiency_w"] = i.PowerDeficiencyW,
            })]),
        })]),
        ["result"] = Result,
        ["rejection_reason"] = RejectionReason,
        ["order_statuses"] = new JsonArray([.. _statuses.Select(s => (JsonNode)new JsonObject
        {
            ["order_reference"] = s.OrderReference, ["disposition"] = s.Disposition, ["dispute_reason"] = s.DisputeReason,
        })]),
    };
}
