using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using NodaTime;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>
/// Draws random products and requests for the reference-book property test, from one seeded <see cref="Random"/> (so a
/// failing seed replays exactly). Covers every feature of the book: limit, market (with sweep limits), IOC, FOK, AON,
/// iceberg, good-till-date and good-for-session validity, cancel, amend, time steps, session end, gate closure,
/// self-trade prevention (four participants), location filters, a small capacity, a per-participant cap, fine ticks
/// (eleven prices spread over many pages of price levels), and every rejection reason the hot API can give.
/// </summary>
internal sealed class BookCommandGenerator(Random random, OrderBookProduct product, bool locations)
{
    private readonly long _min = (long)Math.Ceiling(product.MinPriceEurPerMwh / product.TickSizeEurPerMwh);
    private readonly long _max = (long)Math.Floor(product.MaxPriceEurPerMwh / product.TickSizeEurPerMwh);

    /// <summary>The middle price (50 EUR/MWh) in ticks.</summary>
    private readonly long _mid = (long)(50m / product.TickSizeEurPerMwh);

    /// <summary>The ticks between two neighbouring prices the generator uses: 1 at tick 1, up to ±2000 EUR/MWh apart at the finest tick.</summary>
    private readonly long _spacing = product.TickSizeEurPerMwh switch
    {
        1m => 1,
        0.01m => random.Next(4) == 0 ? 1 : random.Next(2, product.MinPriceEurPerMwh < 0 ? 10_000 : 240),
        _ => random.Next(3) == 0 ? random.Next(1, 300) : random.Next(300, 400_000),
    };

    private long _nextId = 100;

    /// <summary>
    /// A product with a narrow random band around 50 and tick and lot 1 (ticks read as prices), or (one in three) a fine
    /// tick: 0.01 EUR/MWh on the narrow band or on the full −500…4000 band, or 0.001 EUR/MWh on the full band (4.5
    /// million levels); random sweep limits, self-trade prevention, capacity (small, or more than a sequence can fill)
    /// and, one in four, a cap of 1–3 live orders per participant.
    /// </summary>
    public static OrderBookProduct Product(Random random)
    {
        var product = Books.Product(random.Next(2) == 0 ? SelfTradePrevention.CancelNewest : SelfTradePrevention.CancelOldest) with
        {
            MinPriceEurPerMwh = random.Next(38, 46),
            MaxPriceEurPerMwh = random.Next(54, 62),
            MarketBuyMaxSweepPriceEurPerMwh = random.Next(3) == 0 ? random.Next(44, 66) : null,
            MarketSellMinSweepPriceEurPerMwh = random.Next(3) == 0 ? random.Next(34, 56) : null,
            MaxLiveOrders = random.Next(3) == 0 ? random.Next(2, 10) : 128,
            MaxLiveOrdersPerParticipant = random.Next(4) == 0 ? random.Next(1, 4) : null,
        };
        return random.Next(3) != 0 ? product : random.Next(3) switch
        {
            0 => product with { TickSizeEurPerMwh = 0.01m },
            1 => product with { TickSizeEurPerMwh = 0.01m, MinPriceEurPerMwh = -500m, MaxPriceEurPerMwh = 4000m },
            _ => product with { TickSizeEurPerMwh = 0.001m, MinPriceEurPerMwh = -500m, MaxPriceEurPerMwh = 4000m },
        };
    }

    /// <summary>The next request; <paramref name="live"/> are the resting orders now (targets for cancel, amend and duplicate ids).</summary>
    public BookCommand Next(IReadOnlyList<RestingOrder> live, Instant now)
    {
        var step = random.Next(4) == 0 ? Duration.FromMinutes(random.Next(1, 11)) : Duration.Zero;
        if (random.Next(150) == 0)
        {
            step = product.GateClosure - now + Duration.FromMinutes(random.Next(0, 3) - 1);
        }

        var entry = NewEntry(now + step);
        var roll = random.Next(100);
        return roll switch
        {
            < 30 => Submit(step, entry),
            < 35 => Submit(step, random.Next(3) == 0
                ? entry with { Condition = ExecutionCondition.ImmediateOrCancel, Validity = OrderValidity.GoodTillDate, Expiry = now }
                : entry with { Condition = ExecutionCondition.ImmediateOrCancel }),
            < 40 => Submit(step, entry with { Condition = ExecutionCondition.FillOrKill }),
            < 46 => Submit(step, entry with { Condition = ExecutionCondition.AllOrNone }),
            < 52 => Submit(step, entry with { PeakLots = random.Next(1, (int)entry.Lots + 1) }),
            < 57 => Submit(step, entry with { Type = OrderType.Market, PriceTicks = random.Next(-5, 5), Condition = (ExecutionCondition)random.Next(3) }),
            < 65 => Submit(step, GoodTillDate(entry, now + step)),
            < 75 => new BookCommand(BookCommandKind.Cancel, step, default, PickKey(live, entry.Participant), 0, 0),
            < 85 => Amend(step, live, entry),
            < 90 => new BookCommand(BookCommandKind.ProcessTime, step + Duration.FromMinutes(random.Next(1, 11)), default, default, 0, 0),
            < 92 => new BookCommand(BookCommandKind.EndSession, step, default, default, 0, 0),
            _ => Submit(step, Invalid(entry, live, now + step)),
        };
    }

    private static BookCommand Submit(Duration step, OrderEntry entry) => new(BookCommandKind.Submit, step, entry, default, 0, 0);

    /// <summary>A good-for-session or good-till-date limit order near 50; the caller turns it into the kind it wants.</summary>
    private OrderEntry NewEntry(Instant now)
    {
        var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
        var filter = !locations ? LocationFilter.Any : random.Next(6) switch
        {
            0 => new LocationFilter(LocationFilterMode.Only, random.Next(3)),
            1 => new LocationFilter(LocationFilterMode.Exclude, random.Next(3)),
            _ => LocationFilter.Any,
        };

        // Client order ids: mostly fresh, sometimes from a small pool (reuse after the order is gone is allowed).
        var id = random.Next(5) == 0 ? random.Next(1, 9) : _nextId++;
        return new OrderEntry
        {
            Participant = random.Next(4), ClientOrderId = id, Side = side, PriceTicks = _mid + (random.Next(-5, 6) * _spacing), Lots = random.Next(1, 13),
            Validity = random.Next(3) == 0 ? OrderValidity.GoodTillDate : OrderValidity.GoodForSession,
            Expiry = now + Duration.FromMinutes(random.Next(1, 31)),
            Location = locations ? random.Next(3) : 0, Filter = filter,
        };
    }

    private OrderKey PickKey(IReadOnlyList<RestingOrder> live, int participant) =>
        live.Count == 0 || random.Next(10) == 0 ? new OrderKey(participant, random.Next(1, 9)) : live[random.Next(live.Count)].Key;

    private BookCommand Amend(Duration step, IReadOnlyList<RestingOrder> live, OrderEntry entry)
    {
        var key = PickKey(live, entry.Participant);
        var target = live.FirstOrDefault(o => o.Key == key);
        var price = random.Next(3) switch
        {
            0 => target.PriceTicks,
            1 => target.PriceTicks + (random.Next(-3, 4) * _spacing),
            _ => entry.PriceTicks,
        };
        var lots = random.Next(4) switch
        {
            0 => Math.Max(1, target.RemainingLots - random.Next(1, 4)),
            1 => target.RemainingLots + random.Next(1, 4),
            2 => random.Next(10) == 0 ? random.Next(-1, 1) : target.RemainingLots,
            _ => entry.Lots,
        };
        if (random.Next(15) == 0)
        {
            price = random.Next(2) == 0 ? _min - 1 : _max + 1;
        }

        return new BookCommand(BookCommandKind.Amend, step, default, key, price, lots);
    }

    /// <summary>An order the book must reject (each rejection reason of the hot API).</summary>
    private OrderEntry Invalid(OrderEntry entry, IReadOnlyList<RestingOrder> live, Instant now) => random.Next(9) switch
    {
        0 => entry with { Lots = random.Next(-2, 1) },
        1 => entry with { PriceTicks = random.Next(2) == 0 ? _min - random.Next(1, 3) : _max + random.Next(1, 3) },
        2 => entry with { PeakLots = entry.Lots + random.Next(1, 3) },
        3 => entry with { PeakLots = -1 },
        4 => entry with { PeakLots = 1, Condition = (ExecutionCondition)random.Next(1, 4) },
        5 => entry with { Type = OrderType.Market, Condition = ExecutionCondition.AllOrNone },
        6 => entry with { Validity = OrderValidity.GoodTillDate, Expiry = now - Duration.FromMinutes(random.Next(0, 3)), Condition = ExecutionCondition.None },
        7 => entry with { Participant = -1 - random.Next(3) },
        _ => Duplicate(entry, live),
    };

    /// <summary>A good-till-date order that rests (plain, all-or-none or iceberg), expiring within half an hour.</summary>
    private OrderEntry GoodTillDate(OrderEntry entry, Instant now)
    {
        var gtd = entry with { Validity = OrderValidity.GoodTillDate, Expiry = now + Duration.FromMinutes(random.Next(1, 31)) };
        return random.Next(4) switch
        {
            0 => gtd with { Condition = ExecutionCondition.AllOrNone },
            1 => gtd with { PeakLots = random.Next(1, (int)gtd.Lots + 1) },
            _ => gtd,
        };
    }

    /// <summary>The key of a live order again (a duplicate client order id).</summary>
    private OrderEntry Duplicate(OrderEntry entry, IReadOnlyList<RestingOrder> live)
    {
        if (live.Count == 0)
        {
            return entry with { Lots = 0 };
        }

        var key = live[random.Next(live.Count)].Key;
        return entry with { Participant = key.Participant, ClientOrderId = key.ClientOrderId };
    }
}
