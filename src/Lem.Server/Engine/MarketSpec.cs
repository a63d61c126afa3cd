namespace Lem.Server.Engine;

/// <summary>A market as created by the operator: mechanism, delivery slots, gate-closure lead time and price band.</summary>
/// <param name="MarketId">The market's id.</param>
/// <param name="Mechanism">The wire name of its kind (<c>continuous</c>, <c>call_auction</c>, <c>pool</c>, or a registered kind's).</param>
/// <param name="DeliveryStart">The start of delivery of slot 0.</param>
/// <param name="SlotMinutes">The slot length in minutes.</param>
/// <param name="SlotCount">The number of slots.</param>
/// <param name="GateClosureLeadMinutes">How long before a slot's start its gate closes, in minutes.</param>
/// <param name="TickSizeEurPerMwh">The price tick.</param>
/// <param name="MinPriceEurPerMwh">The lowest price.</param>
/// <param name="MaxPriceEurPerMwh">The highest price.</param>
internal sealed record MarketSpec(
    string MarketId,
    string Mechanism,
    Instant DeliveryStart,
    int SlotMinutes,
    int SlotCount,
    int GateClosureLeadMinutes,
    decimal TickSizeEurPerMwh,
    decimal MinPriceEurPerMwh,
    decimal MaxPriceEurPerMwh)
{
    /// <summary>The start of delivery of a slot.</summary>
    public Instant SlotStart(int slot) => DeliveryStart + Duration.FromMinutes((long)slot * SlotMinutes);

    /// <summary>A slot's start minus the gate-closure lead: the gate closure of a market whose slots close one by one.</summary>
    public Instant LeadBefore(int slot) => SlotStart(slot) - Duration.FromMinutes(GateClosureLeadMinutes);

    /// <summary>The order-book product id of a slot.</summary>
    public string ProductId(int slot) => $"{MarketId}/{slot}";
}
