using Lem.Domain.Validation;
using Lem.Server.Engine.Markets;

namespace Lem.Server.Engine;

/// <summary>
/// The server's wire encoding of the domain <see cref="Order"/>: a wire order is one step
/// (<c>side</c>, <c>slot</c>, <c>price_eur_per_mwh</c>, <c>quantity_kwh</c>, both decimal as sent) of an order whose
/// domain id is <c>o{order_number}</c>. Every order and sealed bid the server takes is checked by
/// <see cref="OrderValidator"/> under the market's <see cref="Rules"/>, and the first problem becomes the wire's
/// 422 answer (docs/order-book.md).
/// </summary>
internal static class WireOrderCodec
{
    /// <summary>The largest quantity of one order, kWh.</summary>
    public const decimal MaxQuantityKwh = 1_000_000_000m;

    /// <summary>The rules of a market's orders: its slots, price band and tick, the lot of <see cref="MarketEngine.LotKwh"/>, at most 1e9 kWh.</summary>
    public static OrderRules Rules(MarketSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new OrderRules
        {
            SlotCount = spec.SlotCount,
            MinPriceEurPerMwh = spec.MinPriceEurPerMwh,
            MaxPriceEurPerMwh = spec.MaxPriceEurPerMwh,
            TickSizeEurPerMwh = spec.TickSizeEurPerMwh,
            LotSizeKwh = MarketEngine.LotKwh,
            MaxQuantityKwh = MaxQuantityKwh,
            MaxSteps = 1,
        };
    }

    /// <summary>The domain id of the server's order number <paramref name="number"/>.</summary>
    public static OrderId Id(long number) => new("o" + number.ToString(CultureInfo.InvariantCulture));

    /// <summary>Decodes a wire order into the domain order numbered <paramref name="number"/> (the slot is not negative).</summary>
    public static Order Decode(long number, string participantId, int slot, OrderSide side, decimal priceEurPerMwh, decimal quantityKwh) =>
        new(Id(number), new ParticipantId(participantId), side, slot, priceEurPerMwh, quantityKwh);

    /// <summary>
    /// The wire's 422 answer to an order of <paramref name="participantId"/> for <paramref name="slot"/> at
    /// <paramref name="priceEurPerMwh"/> and <paramref name="quantityKwh"/> in <paramref name="spec"/>'s market (the first
    /// problem the validator finds), or null.
    /// </summary>
    public static CommandResult? Problem(MarketSpec spec, string participantId, int slot, decimal priceEurPerMwh, decimal quantityKwh)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var rules = Rules(spec);
        if (OrderValidator.SlotProblem(slot, rules) is not null)
        {
            return Views.Invalid("slot", $"must be in [0, {spec.SlotCount - 1}] for market '{spec.MarketId}'.");
        }

        var errors = OrderValidator.Validate(Decode(0, participantId, slot, OrderSide.Buy, priceEurPerMwh, quantityKwh), rules);
        if (errors.Count == 0)
        {
            return null;
        }

        var first = errors[0];
        if (first.Path.EndsWith(".price_eur_per_mwh", StringComparison.Ordinal))
        {
            return first.Code == ValidationCodes.OrderPriceNotOnTick
                ? Views.Invalid("price_eur_per_mwh", $"must be a whole number of ticks of {spec.TickSizeEurPerMwh} EUR/MWh.")
                : Views.Invalid("price_eur_per_mwh", $"must be in [{spec.MinPriceEurPerMwh}, {spec.MaxPriceEurPerMwh}] EUR/MWh.");
        }

        return Views.Invalid("quantity_kwh", "must be a positive whole number of kWh (the lot), at most 1e9.");
    }
}
