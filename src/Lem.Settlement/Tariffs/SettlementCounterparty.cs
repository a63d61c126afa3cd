namespace Lem.Settlement.Tariffs;

/// <summary>The counterparty of the community's imports and exports, with whom the market operator settles them.</summary>
public enum SettlementCounterparty
{
    /// <summary>The wholesale market: imports at the wholesale import price, exports at the wholesale export price (the prices the clearing used).</summary>
    Wholesale,

    /// <summary>The supplier: imports at the (all-in) retail tariff, exports at the feed-in tariff.</summary>
    Supplier,
}
