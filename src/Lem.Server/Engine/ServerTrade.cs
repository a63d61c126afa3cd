namespace Lem.Server.Engine;

/// <summary>A trade: continuous match or call-auction pair.</summary>
internal sealed record ServerTrade(
    long TradeId,
    string MarketId,
    int Slot,
    string Buyer,
    string Seller,
    string BuyClientOrderId,
    string SellClientOrderId,
    decimal PriceEurPerMwh,
    decimal QuantityKwh,
    Instant Time);
