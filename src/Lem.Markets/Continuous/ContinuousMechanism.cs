using Lem.Domain.Sampling;
using Lem.Markets.OrderBook;

namespace Lem.Markets.Continuous;

/// <summary>
/// Continuous trading as a clearing mechanism, <c>cda</c> (docs/agents.md#the-cda-mechanism, docs/order-book.md):
/// the participants' explicit orders of each slot enter Lem's limit order book (<see cref="ContinuousMarket"/>,
/// price–time priority, each trade at the resting order's price) one at a time in a seeded random interleaving, so that
/// neither side is favoured by arriving first; a multi-step order enters as one limit order per step. Each participant's
/// position is its traded energy settled at its own trade prices; the slot's price is the volume-weighted mean trade
/// price; welfare is Σ (bid step price − ask step price) × traded energy. Assets imply no orders here.
/// </summary>
/// <remarks>Parameter <c>seed</c> (<see cref="ClearingOptions.Parameters"/>, default 1) seeds the arrival order.</remarks>
public sealed class ContinuousMechanism : IClearingMechanism
{
    /// <summary>The tick of the simulated books, EUR/MWh: prices are rounded to it in the order's favour of the other side (buy down, sell up).</summary>
    public const decimal TickEurPerMwh = 0.01m;

    /// <summary>The lot of the simulated books, MWh (1 Wh).</summary>
    public const decimal LotMwh = 0.000001m;

    /// <inheritdoc />
    public string Name => "cda";

    /// <inheritdoc />
    public string Description => "Continuous double auction per slot: the participants' explicit orders arrive in a seeded random order at Lem's limit order book (price-time priority, trades at the resting order's price)";

    /// <inheritdoc />
    public ClearingCapabilities Capabilities { get; } = new() { BilateralTrades = true };

    /// <summary>The arrival seed of <paramref name="options"/> (<c>seed</c>, default 1), or an error message.</summary>
    public static ulong Seed(ClearingOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        error = null;
        if (!options.Parameters.TryGetValue("seed", out var text))
        {
            return 1;
        }

        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            return seed;
        }

        error = $"The cda parameter 'seed' must be a whole number ≥ 0; got '{text}'.";
        return 1;
    }

    /// <inheritdoc />
    public IReadOnlyList<ValidationError> Check(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = TradePositions.CheckOrdersOnly(request, "continuous double auction");
        Seed(request.Options, out var error);
        if (error is not null)
        {
            errors.Add(new ValidationError("parameters.seed", "clearing.bad_parameter", error));
        }

        return errors;
    }

    /// <inheritdoc />
    public ClearingResult Clear(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = Stopwatch.StartNew();
        var market = request.Market;
        var slots = market.Horizon.Count;
        var random = new SplitMix64(Seed(request.Options, out _));
        var warnings = new List<string>();
        var fills = new List<TradeFill>();
        var trades = new List<ClearingTrade>();
        var orderFills = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var prices = new IReadOnlyList<double>[slots];
        var welfare = 0m;
        var bySlot = market.Participants.SelectMany(p => p.Orders).Where(o => o.SlotIndex < slots).GroupBy(o => o.SlotIndex).ToDictionary(g => g.Key, g => g.ToList());
        for (var t = 0; t < slots; t++)
        {
            prices[t] = [];
            if (!bySlot.TryGetValue(t, out var orders))
            {
                continue;
            }

            var (slotFills, slotWelfare) = ClearSlot(t, orders, random, warnings);
            welfare += slotWelfare;
            var kwh = slotFills.Sum(f => f.QuantityKwh);
            if (kwh > 0)
            {
                prices[t] = [slotFills.Sum(f => f.QuantityKwh * f.Fill.BuyerPriceEurPerMwh) / kwh];
            }

            foreach (var f in slotFills)
            {
                fills.Add(f.Fill);
                trades.Add(new ClearingTrade(f.Fill.Buyer.Value, f.Fill.Seller.Value, t, f.QuantityKwh, f.Fill.BuyerPriceEurPerMwh));
                orderFills[f.BuyOrder] = orderFills.GetValueOrDefault(f.BuyOrder) + f.QuantityKwh;
                orderFills[f.SellOrder] = orderFills.GetValueOrDefault(f.SellOrder) + f.QuantityKwh;
            }
        }

        return TradePositions.Result(Name, market, prices, fills, trades, welfare, orderFills, warnings, watch.Elapsed.TotalSeconds, bilateral: true);
    }

    /// <summary>
    /// Trades one slot: every step of every order becomes a limit order; the steps are put in a canonical order
    /// (order id, step) and shuffled with <paramref name="random"/>, then submitted one by one.
    /// </summary>
    private static (List<(TradeFill Fill, double QuantityKwh, string BuyOrder, string SellOrder)> Fills, decimal Welfare) ClearSlot(
        int slot, List<Order> orders, SplitMix64 random, List<string> warnings)
    {
        var product = new OrderBookProduct
        {
            ProductId = $"slot/{slot}",
            GateClosure = Instant.MaxValue,
            TickSizeEurPerMwh = TickEurPerMwh,
            LotSizeMwh = LotMwh,
            MinPriceEurPerMwh = PriceBounds.FloorEurPerMwh,
            MaxPriceEurPerMwh = PriceBounds.CapEurPerMwh,
            MaxLiveOrders = Math.Max(16, orders.Sum(o => o.Steps.Count)),
        };
        var book = new ContinuousMarket(new FixedClock(Instant.FromUnixTimeTicks(0)), [product]);
        var steps = new List<(Order Order, int Step)>();
        foreach (var o in orders.OrderBy(o => o.Id.Value, StringComparer.Ordinal))
        {
            for (var s = 0; s < o.Steps.Count; s++)
            {
                steps.Add((o, s));
            }
        }

        random.Shuffle(steps);
        var fills = new List<(TradeFill, double, string, string)>();
        var welfare = 0m;
        var byClientId = new Dictionary<(ParticipantId, long), (Order Order, decimal LimitEurPerMwh)>();
        for (var i = 0; i < steps.Count; i++)
        {
            var (order, s) = steps[i];
            var step = order.Steps[s];
            var price = OnTick(step.PriceEurPerMwh, order.Side);
            var kwh = Math.Round(step.QuantityKwh, 3, MidpointRounding.ToZero);
            if (kwh <= 0)
            {
                continue;
            }

            long id = i + 1;
            byClientId[(order.Owner, id)] = (order, step.PriceEurPerMwh);
            var result = book.Submit(new MarketOrderRequest { ProductId = product.ProductId, ClientOrderId = id, Order = order.WithSingleStep(price, kwh) });
            if (!result.Accepted)
            {
                warnings.Add($"Slot {slot}: step {s + 1} of order '{order.Id}' was rejected by the order book ({result.Reason}).");
                continue;
            }

            foreach (var trade in result.Trades)
            {
                var aggressor = byClientId[(trade.Aggressor, trade.AggressorOrderId)];
                var resting = byClientId[(trade.Resting, trade.RestingOrderId)];
                var (buy, sell) = aggressor.Order.Side == OrderSide.Buy ? (aggressor, resting) : (resting, aggressor);
                var tradedKwh = (double)(trade.QuantityMwh * 1000m);
                var p = (double)trade.PriceEurPerMwh;
                fills.Add((new TradeFill(sell.Order.Owner, buy.Order.Owner, slot, tradedKwh, p, p), tradedKwh, buy.Order.Id.Value, sell.Order.Id.Value));
                welfare += trade.QuantityMwh * (buy.LimitEurPerMwh - sell.LimitEurPerMwh);
            }
        }

        return (fills, welfare);
    }

    /// <summary>A limit price on the tick, rounded so that the order never accepts a worse price than its own: buy down, sell up.</summary>
    internal static decimal OnTick(decimal priceEurPerMwh, OrderSide side)
    {
        var ticks = priceEurPerMwh / TickEurPerMwh;
        var whole = side == OrderSide.Buy ? Math.Floor(ticks) : Math.Ceiling(ticks);
        return whole * TickEurPerMwh;
    }
}
