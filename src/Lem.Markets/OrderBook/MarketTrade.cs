namespace Lem.Markets.OrderBook;

/// <summary>A trade reported by the friendly <see cref="ContinuousMarket"/> API.</summary>
/// <param name="ProductId">The product.</param>
/// <param name="Aggressor">The incoming order's participant.</param>
/// <param name="AggressorOrderId">The incoming order's client order id.</param>
/// <param name="Resting">The resting order's participant.</param>
/// <param name="RestingOrderId">The resting order's client order id.</param>
/// <param name="PriceEurPerMwh">The trade price (the resting order's price).</param>
/// <param name="QuantityMwh">The traded quantity.</param>
public sealed record MarketTrade(string ProductId, ParticipantId Aggressor, long AggressorOrderId, ParticipantId Resting, long RestingOrderId, decimal PriceEurPerMwh, decimal QuantityMwh);
