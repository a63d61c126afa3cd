using Lem.Domain.Validation;

namespace Lem.Markets.OrderBook;

/// <summary>
/// The order book's encoding of the domain <see cref="Order"/> (docs/order-book.md): a price in EUR/MWh is a whole
/// number of ticks (price = ticks × tick size), a quantity in kWh a whole number of lots (kWh = lots × lot size in MWh ×
/// 1000). The rules are exact: nothing is rounded; a price off the tick grid or a quantity off the lot grid (or a count
/// of 2^62 or more) is not conforming and is refused with <see cref="ReasonCode.PriceNotOnTick"/> or
/// <see cref="ReasonCode.QuantityNotOnLot"/> and a <see cref="ValidationError"/> from <see cref="OrderValidator"/>.
/// Everything else (price band, positive quantity, gate, ...) is left to the book, which rejects with its own reason
/// code and a logged event. Decoding (ticks and lots back to EUR/MWh and kWh) is exact.
/// </summary>
public sealed class OrderBookEncoding
{
    private readonly decimal _lotSizeMwh;

    /// <summary>Creates the encoding of <paramref name="product"/>'s tick and lot.</summary>
    public OrderBookEncoding(OrderBookProduct product)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (product.TickSizeEurPerMwh <= 0 || product.LotSizeMwh <= 0)
        {
            throw new ArgumentException("The product needs positive tick and lot sizes.", nameof(product));
        }

        TickSizeEurPerMwh = product.TickSizeEurPerMwh;
        _lotSizeMwh = product.LotSizeMwh;
        LotSizeKwh = product.LotSizeMwh * 1000m;
        Rules = new OrderRules
        {
            MinPriceEurPerMwh = product.MinPriceEurPerMwh,
            MaxPriceEurPerMwh = product.MaxPriceEurPerMwh,
            TickSizeEurPerMwh = TickSizeEurPerMwh,
            LotSizeKwh = LotSizeKwh,
            MaxSteps = 1,
        };
    }

    /// <summary>The price tick in EUR/MWh.</summary>
    public decimal TickSizeEurPerMwh { get; }

    /// <summary>The lot in kWh.</summary>
    public decimal LotSizeKwh { get; }

    /// <summary>The product's rules for <see cref="OrderValidator"/>: its band, tick and lot, one step per order.</summary>
    public OrderRules Rules { get; }

    /// <summary>
    /// Encodes the price and quantity of a one-step order (and an iceberg peak in kWh, 0 for none): the ticks
    /// (0 for a market order, whose price is ignored) and lots, or the reason and error of a non-conforming value.
    /// </summary>
    /// <exception cref="ArgumentException">When the order has more than one step (the book trades one price per order).</exception>
    public OrderBookEncodingResult Encode(Order order, OrderType type = OrderType.Limit, decimal peakKwh = 0)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Steps.Count != 1)
        {
            throw new ArgumentException($"Order {order.Id} has {order.Steps.Count} steps; the order book takes one price and quantity per order.", nameof(order));
        }

        var step = order.Steps[0];
        long ticks = 0;
        if (type == OrderType.Limit && !TryTicks(step.PriceEurPerMwh, out ticks))
        {
            return OrderBookEncodingResult.Refused(ReasonCode.PriceNotOnTick,
                new ValidationError("$.steps[0].price_eur_per_mwh", ValidationCodes.OrderPriceNotOnTick, OrderValidator.NotOnTick(step.PriceEurPerMwh, TickSizeEurPerMwh)));
        }

        if (!TryLots(step.QuantityKwh, out var lots))
        {
            return OrderBookEncodingResult.Refused(ReasonCode.QuantityNotOnLot,
                new ValidationError("$.steps[0].quantity_kwh", ValidationCodes.OrderQuantityNotOnLot, OrderValidator.NotOnLot(step.QuantityKwh, LotSizeKwh)));
        }

        if (!TryLots(peakKwh, out var peakLots))
        {
            return OrderBookEncodingResult.Refused(ReasonCode.QuantityNotOnLot,
                new ValidationError("$.peak_kwh", ValidationCodes.OrderQuantityNotOnLot, OrderValidator.NotOnLot(peakKwh, LotSizeKwh)));
        }

        return new OrderBookEncodingResult(ticks, lots, peakLots, ReasonCode.None, null);
    }

    /// <summary>Decodes a book order (ticks and lots) into a one-step domain order.</summary>
    public Order Decode(OrderId id, ParticipantId owner, OrderSide side, int slot, long priceTicks, long lots) =>
        new(id, owner, side, slot, PriceEurPerMwh(priceTicks), QuantityKwh(lots));

    /// <summary>Converts a price in EUR/MWh to ticks; false when it is not a whole number of ticks.</summary>
    public bool TryTicks(decimal priceEurPerMwh, out long ticks) => OrderValidator.TryWholeMultiple(priceEurPerMwh, TickSizeEurPerMwh, out ticks);

    /// <summary>Converts a quantity in kWh to lots; false when it is not a whole number of lots.</summary>
    /// <remarks>Computed as kWh / 1000 / lot size in MWh, exactly as the book converted MWh before it took kWh.</remarks>
    public bool TryLots(decimal quantityKwh, out long lots) => OrderValidator.TryWholeMultiple(quantityKwh / 1000m, _lotSizeMwh, out lots);

    /// <summary>The price of <paramref name="ticks"/> in EUR/MWh (exact).</summary>
    public decimal PriceEurPerMwh(long ticks) => ticks * TickSizeEurPerMwh;

    /// <summary>The quantity of <paramref name="lots"/> in kWh (exact).</summary>
    public decimal QuantityKwh(long lots) => QuantityMwh(lots) * 1000m;

    /// <summary>The quantity of <paramref name="lots"/> in MWh (exact).</summary>
    public decimal QuantityMwh(long lots) => lots * _lotSizeMwh;
}
