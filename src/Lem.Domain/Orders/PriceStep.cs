using Lem.Domain.Units;

namespace Lem.Domain.Orders;

/// <summary>One step of a stepwise price-quantity curve: up to <see cref="Quantity"/> at <see cref="Price"/>.</summary>
/// <param name="Price">The limit price of the step.</param>
/// <param name="Quantity">The energy of the step within the slot (positive).</param>
public readonly record struct PriceStep(Price Price, Energy Quantity);
