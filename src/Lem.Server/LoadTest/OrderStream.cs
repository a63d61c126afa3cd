namespace Lem.Server.LoadTest;

/// <summary>
/// One client's deterministic stream of limit orders around the mid price, both sides: about 80 % rest (a bid below or
/// an ask above the mid, 1 to 20 steps away, 1–10 kWh) and about 20 % cross the mid by 1 to 30 steps (10–40 kWh, taking
/// resting liquidity). Prices are whole
/// steps on the market's tick grid, slots are drawn from the usable ones.
/// </summary>
internal sealed class OrderStream
{
    /// <summary>The share of orders priced through the mid.</summary>
    public const double CrossingShare = 0.2;

    private readonly Random _random;
    private readonly MarketPlan _plan;
    private readonly string _prefix;
    private long _next;

    /// <summary>A stream for one client; client order ids are <paramref name="prefix"/> followed by a counter.</summary>
    public OrderStream(MarketPlan plan, string prefix, int seed)
    {
        _plan = plan;
        _prefix = prefix;
        _random = new Random(seed);
    }

    /// <summary>The random source of the client (also decides its cancels).</summary>
    public Random Random => _random;

    /// <summary>The next order: its client order id and the UTF-8 JSON body of <c>POST /v1/markets/{id}/orders</c>.</summary>
    public (string ClientOrderId, byte[] Body, bool Crossing) Next()
    {
        var id = _prefix + (_next++).ToString(CultureInfo.InvariantCulture);
        var buy = _random.Next(2) == 0;
        var crossing = _random.NextDouble() < CrossingShare;
        var slot = _plan.Slots[_random.Next(_plan.Slots.Length)];
        var offset = _plan.StepEurPerMwh * (crossing ? _random.Next(1, 31) : _random.Next(1, 21));
        var sign = buy == crossing ? 1 : -1;
        var price = _plan.Clamp(_plan.MidEurPerMwh + (sign * offset));
        var quantity = crossing ? _random.Next(10, 41) : _random.Next(1, 11);
        var json = string.Create(CultureInfo.InvariantCulture,
            $$"""{"client_order_id":"{{id}}","slot":{{slot}},"side":"{{(buy ? "buy" : "sell")}}","price_eur_per_mwh":{{price}},"quantity_kwh":{{quantity}}}""");
        return (id, Encoding.UTF8.GetBytes(json), crossing);
    }
}
