using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using NodaTime;
using Book = Lem.Markets.OrderBook.OrderBook;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>
/// Decodes FsCheck integers into a random stream of requests (every order type, cancels, amends, time steps, session end,
/// gate closure) over 11 price levels and 4 participants, and checks the book's invariants after every request.
/// </summary>
internal sealed class RandomStreamDriver
{
    private readonly ManualClock _clock = new(Books.Start);
    private readonly OrderBookEventLog _log = new();
    private readonly Dictionary<OrderKey, (OrderSide Side, long Limit, long Open)> _open = [];
    private readonly Dictionary<OrderKey, (int Location, LocationFilter Filter, ExecutionCondition Condition)> _tags = [];
    private long _nextId = 1;

    public RandomStreamDriver(SelfTradePrevention stp, bool locations)
    {
        Locations = locations;
        Book = new Book(Books.Product(stp), _clock, _log);
    }

    public Book Book { get; }

    public OrderBookEventLog Log => _log;

    public bool Locations { get; }

    public long Accepted { get; private set; }

    public long AmendDelta { get; private set; }

    public long Traded { get; private set; }

    public long Removed { get; private set; }

    public void Run(int[] ops)
    {
        foreach (var op in ops)
        {
            Step(op);
        }
    }

    public void Step(int raw)
    {
        var u = (uint)raw * 2654435761u;
        var before = Book.Snapshot();
        var mark = _log.Events.Count;
        var kind = u % 20;
        var side = ((u >> 5) & 1) == 0 ? OrderSide.Buy : OrderSide.Sell;
        var price = 45 + ((u >> 6) % 11);
        var lots = 1 + ((u >> 10) % 12);
        var participant = (int)((u >> 14) % 4);
        var location = Locations ? (int)((u >> 16) % 3) : 0;
        var filter = !Locations ? LocationFilter.Any : ((u >> 18) % 6) switch
        {
            0 => new LocationFilter(LocationFilterMode.Only, (int)((u >> 21) % 3)),
            1 => new LocationFilter(LocationFilterMode.Exclude, (int)((u >> 21) % 3)),
            _ => LocationFilter.Any,
        };
        var entry = new OrderEntry { Participant = participant, ClientOrderId = _nextId++, Side = side, PriceTicks = price, Lots = lots, Location = location, Filter = filter };
        var live = before.Bids.Concat(before.Asks).ToList();
        switch (kind)
        {
            case <= 8: Book.Submit(entry); break;
            case 9: Book.Submit(entry with { Condition = ExecutionCondition.ImmediateOrCancel }); break;
            case 10: Book.Submit(entry with { Condition = ExecutionCondition.FillOrKill }); break;
            case 11: Book.Submit(entry with { Condition = ExecutionCondition.AllOrNone }); break;
            case 12: Book.Submit(entry with { PeakLots = 1 + (long)((u >> 24) % lots) }); break;
            case 13: Book.Submit(entry with { Type = OrderType.Market }); break;
            case 14 or 15 or 16:
                Book.Cancel(live.Count == 0 ? new OrderKey(participant, 999_999) : live[(int)((u >> 6) % (uint)live.Count)].Key);
                break;
            case 17:
                if (live.Count > 0)
                {
                    var t = live[(int)((u >> 22) % (uint)live.Count)];
                    Book.Amend(t.Key, ((u >> 30) & 1) == 0 ? t.PriceTicks : price, lots);
                }

                break;
            case 18:
                _clock.Advance(((u >> 6) % 40) == 0 ? Duration.FromHours(11) : Duration.FromMinutes(1 + ((u >> 12) % 10)));
                if (((u >> 20) % 8) == 0)
                {
                    Book.EndSession();
                }
                else
                {
                    Book.ProcessTime();
                }

                break;
            default:
                Book.Submit(entry with { Validity = OrderValidity.GoodTillDate, Expiry = _clock.Now + Duration.FromMinutes(1 + ((u >> 24) % 30)) });
                break;
        }

        Check(before, mark);
    }

    private void Check(OrderBookSnapshot before, int mark)
    {
        var after = Book.Snapshot();
        var touched = new HashSet<OrderKey>();
        var fullFill = new HashSet<OrderKey>();
        for (var i = mark; i < _log.Events.Count; i++)
        {
            var e = _log.Events[i];
            switch (e.Kind)
            {
                case OrderBookEventKind.Accepted:
                    Accepted += e.Lots;
                    _open.Add(e.Order, (e.Side, e.PriceTicks, e.Lots));
                    _tags[e.Order] = (e.Location, e.Filter, e.Condition);
                    break;
                case OrderBookEventKind.Amended:
                {
                    var o = _open[e.Order];
                    AmendDelta += e.Lots - o.Open;
                    _open[e.Order] = (o.Side, e.PriceTicks, e.Lots);
                    break;
                }

                case OrderBookEventKind.Traded:
                {
                    var a = _open[e.Order];
                    var r = _open[e.Counterparty];
                    Assert.NotEqual(a.Side, r.Side);
                    Assert.Equal(r.Limit, e.PriceTicks);
                    var (buyLimit, sellLimit) = a.Side == OrderSide.Buy ? (a.Limit, r.Limit) : (r.Limit, a.Limit);
                    Assert.True(e.PriceTicks <= buyLimit && e.PriceTicks >= sellLimit, $"trade at {e.PriceTicks} outside limits buy {buyLimit} sell {sellLimit}");
                    Assert.True(e.Lots > 0 && e.Lots <= a.Open && e.Lots <= r.Open);
                    Assert.NotEqual(e.Order.Participant, e.Counterparty.Participant);
                    if (_tags[e.Counterparty].Condition == ExecutionCondition.AllOrNone)
                    {
                        Assert.Equal(r.Open, e.Lots);
                    }

                    if (_tags[e.Order].Condition is ExecutionCondition.AllOrNone or ExecutionCondition.FillOrKill)
                    {
                        fullFill.Add(e.Order);
                    }

                    CheckPriority(before, e, _tags[e.Order], touched);
                    touched.Add(e.Counterparty);
                    Traded += e.Lots;
                    Reduce(e.Order, e.Lots);
                    Reduce(e.Counterparty, e.Lots);
                    break;
                }

                case OrderBookEventKind.Cancelled or OrderBookEventKind.Expired:
                    Assert.Equal(_open[e.Order].Open, e.Lots);
                    Removed += e.Lots;
                    _open.Remove(e.Order);
                    touched.Add(e.Order);
                    break;
            }
        }

        // An all-or-none or fill-or-kill aggressor that traded has filled in full.
        foreach (var k in fullFill)
        {
            Assert.False(_open.ContainsKey(k), $"{k} traded only in part");
        }

        // Never crossed: any crossing pair must involve an all-or-none order or be excluded by location filters.
        foreach (var b in after.Bids)
        {
            foreach (var a in after.Asks)
            {
                if (b.PriceTicks >= a.PriceTicks)
                {
                    var excused = b.Condition == ExecutionCondition.AllOrNone || a.Condition == ExecutionCondition.AllOrNone || !b.Filter.Accepts(a.Location) || !a.Filter.Accepts(b.Location);
                    Assert.True(excused, $"crossed: bid {b} ask {a}");
                }
            }
        }

        // Conservation: submitted (+ amendments) = traded (both sides) + resting + cancelled/expired; open quantities match the book.
        long resting = 0;
        foreach (var o in after.Bids.Concat(after.Asks))
        {
            resting += o.RemainingLots;
            Assert.Equal(_open[o.Key].Open, o.RemainingLots);
            Assert.InRange(o.DisplayedLots, 1, o.RemainingLots);
        }

        Assert.Equal(_open.Count, after.Bids.Count + after.Asks.Count);
        Assert.Equal(Accepted + AmendDelta, (2 * Traded) + resting + Removed);
    }

    /// <summary>Every resting order ahead of the traded one (better price, or same price and earlier) that the aggressor could trade with must have been traded or removed earlier in this request.</summary>
    private static void CheckPriority(OrderBookSnapshot before, OrderBookEvent e, (int Location, LocationFilter Filter, ExecutionCondition Condition) aggressor, HashSet<OrderKey> touched)
    {
        var side = e.Side == OrderSide.Buy ? before.Asks : before.Bids;
        foreach (var x in side)
        {
            if (x.Key == e.Counterparty)
            {
                return;
            }

            var eligible = x.Condition != ExecutionCondition.AllOrNone && aggressor.Filter.Accepts(x.Location) && x.Filter.Accepts(aggressor.Location);
            if (eligible)
            {
                Assert.True(touched.Contains(x.Key), $"trade with {e.Counterparty} skipped {x.Key}");
            }
        }

        Assert.Fail($"the resting order {e.Counterparty} was not in the book before the request");
    }

    private void Reduce(OrderKey key, long lots)
    {
        var o = _open[key];
        if (o.Open == lots)
        {
            _open.Remove(key);
        }
        else
        {
            _open[key] = (o.Side, o.Limit, o.Open - lots);
        }
    }
}
