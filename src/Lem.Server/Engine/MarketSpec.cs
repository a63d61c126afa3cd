namespace Lem.Server.Engine;

/// <summary>A market as created by the operator: mechanism, delivery slots, gate-closure lead time and price band.</summary>
internal sealed record MarketSpec(
    string MarketId,
    MarketMechanism Mechanism,
    DateTimeOffset DeliveryStart,
    int SlotMinutes,
    int SlotCount,
    int GateClosureLeadMinutes,
    decimal TickSizeEurPerMwh,
    decimal MinPriceEurPerMwh,
    decimal MaxPriceEurPerMwh)
{
    /// <summary>The start of delivery of a slot.</summary>
    public DateTimeOffset SlotStart(int slot) => DeliveryStart.AddMinutes((double)slot * SlotMinutes);

    /// <summary>The gate closure of a slot: its start minus the lead time; a pool market has one gate closure, the first slot's, for every slot.</summary>
    public DateTimeOffset GateClosure(int slot) => SlotStart(Mechanism == MarketMechanism.Pool ? 0 : slot).AddMinutes(-GateClosureLeadMinutes);

    /// <summary>The order-book product id of a slot.</summary>
    public string ProductId(int slot) => $"{MarketId}/{slot}";

    /// <summary>The wire name of the mechanism.</summary>
    public string MechanismName => Mechanism switch
    {
        MarketMechanism.Continuous => "continuous",
        MarketMechanism.Pool => "pool",
        _ => "call_auction",
    };
}
