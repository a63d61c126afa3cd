using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using Book = Lem.Markets.OrderBook.OrderBook;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>
/// The fast book against the <see cref="NaiveOrderBook"/> on long streams that hold thousands of live orders of
/// thousands of participants on a fine tick over the full band (docs/order-book.md, "Performance"): the key index and
/// the per-participant counts grow far beyond their first size and delete from full probe runs, and the price levels
/// span hundreds of pages. The short sequences of <see cref="ReferenceBookPropertyTests"/> never leave the first size.
/// </summary>
public sealed class LargeBookReferenceTests
{
    [Theory]
    [Trait("Category", "Heavy")]
    [InlineData(1)]
    [InlineData(2)]
    public void ThousandsOfLiveOrders_AgreeWithTheNaiveBook(int seed)
    {
        var random = new Random(seed);
        var product = Books.Product() with
        {
            TickSizeEurPerMwh = 0.01m, MinPriceEurPerMwh = -500m, MaxPriceEurPerMwh = 4000m, MaxLiveOrders = 1 << 16,
            MaxLiveOrdersPerParticipant = 6,
        };
        var clock = new ManualClock(Books.Start);
        var log = new OrderBookEventLog();
        var fast = new Book(product, clock, log);
        var naive = new NaiveOrderBook(product, clock);
        var live = new List<OrderKey>();
        var participants = Enumerable.Range(0, 2500).Select(i => i < 2000 ? i : int.MaxValue - i).ToArray();
        var maxLive = 0;
        for (var i = 0; i < 12_000; i++)
        {
            var kind = random.Next(100);
            ReasonCode fastReason, naiveReason;
            var from = log.Events.Count;
            if (kind < 35 && live.Count > 0)
            {
                // Cancel a live order, or (one in ten) a key that was never used.
                var key = random.Next(10) == 0 ? new OrderKey(participants[random.Next(participants.Length)], -1 - i) : live[random.Next(live.Count)];
                fastReason = fast.Cancel(key);
                naiveReason = naive.Cancel(key);
            }
            else
            {
                var buy = random.Next(2) == 0;
                var aggressive = kind >= 92;
                var spread = (long)random.Next(0, buy ? 50_000 : 200_000);
                var entry = new OrderEntry
                {
                    Participant = participants[random.Next(participants.Length)],
                    ClientOrderId = kind is >= 88 and < 92 && live.Count > 0 ? live[random.Next(live.Count)].ClientOrderId : random.NextInt64(long.MinValue, long.MaxValue),
                    Side = buy ? OrderSide.Buy : OrderSide.Sell,
                    PriceTicks = aggressive ? (buy ? 400_000 : -50_000) : buy ? 4_999 - spread : 5_000 + spread,
                    Lots = random.Next(1, 6),
                    Condition = aggressive ? ExecutionCondition.ImmediateOrCancel : ExecutionCondition.None,
                };
                fastReason = fast.Submit(entry);
                naiveReason = naive.Submit(entry);
            }

            Assert.Equal(naiveReason, fastReason);
            Assert.Equal(naive.Events.Skip(from), log.Events.Skip(from));
            foreach (var e in log.Events.Skip(from))
            {
                if (e.Kind == OrderBookEventKind.Rested)
                {
                    live.Add(e.Order);
                }
                else if (e.Kind is OrderBookEventKind.Cancelled or OrderBookEventKind.Traded)
                {
                    var gone = e.Kind == OrderBookEventKind.Cancelled ? e.Order : e.Counterparty;
                    if (!fast.Contains(gone))
                    {
                        live.Remove(gone);
                    }
                }
            }

            maxLive = Math.Max(maxLive, fast.LiveOrderCount);
            if (i % 1000 == 999)
            {
                var snapshot = fast.Snapshot();
                Assert.Equal(naive.Bids, snapshot.Bids);
                Assert.Equal(naive.Asks, snapshot.Asks);
                Assert.Equal(naive.LiveOrderCount, fast.LiveOrderCount);
                Assert.All(participants.Take(50).Concat(participants.TakeLast(50)), p => Assert.Equal(naive.LiveOrderCountOf(p), fast.LiveOrderCountOf(p)));
                Assert.All(live.Take(200), k => Assert.True(fast.Contains(k), $"live order {k} not found"));
            }
        }

        Assert.True(maxLive > 1000, $"the stream held at most {maxLive} live orders");
        Assert.True(fast.AllocatedLevelPages > 200, $"only {fast.AllocatedLevelPages} level pages were used");
        var replayed = Book.Replay(product, clock, log.Events, new OrderBookEventLog());
        Assert.True(fast.Snapshot().IsIdenticalTo(replayed.Snapshot()), "replaying the whole log gives a different book");
    }
}
