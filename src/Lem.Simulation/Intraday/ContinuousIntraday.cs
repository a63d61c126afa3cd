using Lem.Domain.Sampling;
using Lem.Markets.OrderBook;

namespace Lem.Simulation.Intraday;

/// <summary>
/// Continuous intraday trading on Lem's order book (docs/order-book.md): one book per slot; every step of every
/// intraday order enters as a limit order, in an order of arrival shuffled with the run's seed, and trades at the
/// resting order's price (price–time priority). Prices are rounded to the book's 0.01 EUR/MWh tick and quantities to
/// 1 Wh lots; what rests when the session ends is not traded.
/// </summary>
public sealed class ContinuousIntraday : IIntradayMarket
{
    /// <inheritdoc />
    public string Name => "continuous";

    /// <inheritdoc />
    public string Description => "Continuous trading of the agents' intraday orders on an order book per slot";

    /// <inheritdoc />
    public IntradayOutcome Trade(IReadOnlyList<Order> orders, Horizon horizon, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(horizon);
        if (orders.Count == 0)
        {
            return IntradayOutcome.Empty;
        }

        var gate = horizon.End;
        var products = horizon.Slots.Select(s => new OrderBookProduct
        {
            ProductId = Product(s.Index),
            DeliveryStart = s.Start,
            DeliveryEnd = s.End,
            GateClosure = gate,
            LotSizeMwh = 0.000001m,
        });
        var market = new ContinuousMarket(new FixedClock(horizon.Start - Duration.FromHours(1)), products);
        var steps = new List<(Order Order, PriceStep Step)>();
        foreach (var o in orders)
        {
            foreach (var s in o.Steps)
            {
                steps.Add((o, s));
            }
        }

        new SplitMix64(seed).Shuffle(steps);
        var ledger = new IntradayLedger(horizon);
        var clientId = 0L;
        foreach (var (order, step) in steps)
        {
            var price = Math.Round(step.PriceEurPerMwh, 2, MidpointRounding.AwayFromZero);
            var kwh = Math.Round(step.QuantityKwh, 3, MidpointRounding.ToZero);
            if (kwh <= 0)
            {
                continue;
            }

            var result = market.Submit(new MarketOrderRequest
            {
                ProductId = Product(order.SlotIndex),
                ClientOrderId = ++clientId,
                Order = new Order(order.Id, order.Owner, order.Side, order.SlotIndex, price, kwh),
            });
            foreach (var t in result.Trades)
            {
                var (buyer, seller) = order.Side == OrderSide.Buy ? (t.Aggressor, t.Resting) : (t.Resting, t.Aggressor);
                ledger.Add(buyer, seller, order.SlotIndex, (double)(t.QuantityMwh * 1000m), (double)t.PriceEurPerMwh);
            }
        }

        return ledger.ToOutcome();
    }

    private static string Product(int slot) => slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
