using Lem.Pipeline;

namespace Lem.Server.Api;

/// <summary>The body of <c>POST /v1/markets</c> (documented in the OpenAPI document; read field by field by <see cref="RequestBody"/>).</summary>
/// <param name="MarketId">The market's id.</param>
/// <param name="Mechanism"><c>continuous</c>, <c>call_auction</c> or <c>pool</c>.</param>
/// <param name="DeliveryStart">The start of slot 0, an ISO 8601 instant (pool: taken from the scenario; if given it must agree).</param>
/// <param name="SlotMinutes">The slot length in minutes (pool: taken from the scenario; if given it must agree).</param>
/// <param name="SlotCount">The number of slots (pool: taken from the scenario; if given it must agree).</param>
/// <param name="GateClosureLeadMinutes">How long before a slot's start its gate closes, in minutes.</param>
/// <param name="TickSizeEurPerMwh">The price tick (0.01 by default).</param>
/// <param name="MinPriceEurPerMwh">The lowest price (-500 by default).</param>
/// <param name="MaxPriceEurPerMwh">The highest price (4000 by default).</param>
/// <param name="SealedBids">A call auction with sealed bids (commit before gate closure, reveal after); false by default.</param>
/// <param name="RevealWindowSeconds">How long after gate closure sealed bids can be revealed (300 by default, at most the gate-closure lead).</param>
/// <param name="Scenario">A pool market's scenario, inline in the scenario format (required for <c>pool</c>, refused otherwise).</param>
/// <param name="MaxOpenOrdersPerParticipant">
/// Continuous and plain call-auction markets: the most open orders one participant may hold in one slot (1 to
/// 1,000,000; the server's default, 256 unless configured, when absent); an order beyond it gets 422.
/// </param>
internal sealed record CreateMarketRequest(
    string MarketId,
    string Mechanism,
    string? DeliveryStart,
    int? SlotMinutes,
    int? SlotCount,
    int GateClosureLeadMinutes,
    decimal? TickSizeEurPerMwh,
    decimal? MinPriceEurPerMwh,
    decimal? MaxPriceEurPerMwh,
    bool? SealedBids,
    int? RevealWindowSeconds,
    System.Text.Json.Nodes.JsonObject? Scenario,
    int? MaxOpenOrdersPerParticipant);
