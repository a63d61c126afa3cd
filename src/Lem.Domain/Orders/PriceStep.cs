namespace Lem.Domain.Orders;

/// <summary>
/// One step of a stepwise price–quantity curve: up to <see cref="QuantityKwh"/> at the limit price
/// <see cref="PriceEurPerMwh"/> (the most a buyer pays, the least a seller accepts).
/// </summary>
/// <remarks>
/// Decimal, not double: order prices and quantities are stated by people and machines as decimal literals, and the
/// encodings of an order (the book's ticks and lots, the server's JSON) must decide exactly whether a value is a whole
/// number of ticks or lots and echo it back unchanged; 0.1 kWh has no exact double. Numerical clearing code (auctions,
/// the pool's optimisation) converts to double once, where it reads the steps (docs/auction-orders.md).
/// </remarks>
/// <param name="PriceEurPerMwh">The limit price of the step in EUR/MWh.</param>
/// <param name="QuantityKwh">The energy of the step within the slot in kWh (positive in a valid order).</param>
public readonly record struct PriceStep(decimal PriceEurPerMwh, decimal QuantityKwh);
