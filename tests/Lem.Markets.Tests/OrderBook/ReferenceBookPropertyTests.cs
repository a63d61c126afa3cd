using System.Text;
using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using Book = Lem.Markets.OrderBook.OrderBook;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>
/// The fast book against the <see cref="NaiveOrderBook"/> over 10 000 seeded random request sequences: after every
/// request the return code, every event (all fields, in order), the resting orders of both sides in matching order,
/// best prices, depth per level, counters and live-order lookups must agree. A book replayed from the fast book's event
/// log mid-sequence must then answer every further request exactly like the fast book, and a replay of the whole log
/// must rebuild the final state. A failure names its seed; <see cref="Seed_AgreesWithTheNaiveBook"/> reruns one seed.
/// </summary>
public sealed class ReferenceBookPropertyTests
{
    private const int Sequences = 10_000;

    [Fact]
    [Trait("Category", "Heavy")]
    public void TenThousandRandomSequences_AgreeWithTheNaiveBook_AfterEveryRequest()
    {
        var seen = new Dictionary<(OrderBookEventKind, ReasonCode), int>();
        long requests = 0;
        for (var seed = 1; seed <= Sequences; seed++)
        {
            requests += RunSequence(seed, seen);
        }

        // The generator must have exercised every rule, or agreement would prove little.
        (OrderBookEventKind, ReasonCode)[] expected =
        [
            (OrderBookEventKind.Traded, ReasonCode.None), (OrderBookEventKind.IcebergRefilled, ReasonCode.None), (OrderBookEventKind.Amended, ReasonCode.None),
            (OrderBookEventKind.Cancelled, ReasonCode.CancelRequested), (OrderBookEventKind.Cancelled, ReasonCode.ImmediateOrCancelRemainder),
            (OrderBookEventKind.Cancelled, ReasonCode.MarketOrderRemainder), (OrderBookEventKind.Cancelled, ReasonCode.FillOrKillNotFillable),
            (OrderBookEventKind.Cancelled, ReasonCode.SelfTradePrevented), (OrderBookEventKind.Expired, ReasonCode.GoodTillDateReached),
            (OrderBookEventKind.Expired, ReasonCode.SessionEnded), (OrderBookEventKind.Expired, ReasonCode.GateClosure), (OrderBookEventKind.GateClosed, ReasonCode.GateClosure),
            (OrderBookEventKind.Rejected, ReasonCode.NonPositiveQuantity), (OrderBookEventKind.Rejected, ReasonCode.PriceOutOfBounds),
            (OrderBookEventKind.Rejected, ReasonCode.GateClosed), (OrderBookEventKind.Rejected, ReasonCode.DuplicateClientOrderId),
            (OrderBookEventKind.Rejected, ReasonCode.UnknownOrder), (OrderBookEventKind.Rejected, ReasonCode.InvalidPeak),
            (OrderBookEventKind.Rejected, ReasonCode.InvalidExpiry), (OrderBookEventKind.Rejected, ReasonCode.InvalidCondition),
            (OrderBookEventKind.Rejected, ReasonCode.InvalidAmendment), (OrderBookEventKind.Rejected, ReasonCode.UnknownParticipant),
            (OrderBookEventKind.Rejected, ReasonCode.BookFull), (OrderBookEventKind.Rejected, ReasonCode.ParticipantOrderLimit),
        ];
        foreach (var k in expected)
        {
            Assert.True(seen.GetValueOrDefault(k) > 0, $"the random sequences never produced {k}");
        }

        Assert.True(requests > 20 * Sequences, $"only {requests} requests");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(7777)]
    public void Seed_AgreesWithTheNaiveBook(int seed) => RunSequence(seed, []);

    /// <summary>Runs the sequence of <paramref name="seed"/> on the fast, naive and (from a random point) replayed books; returns the number of requests.</summary>
    private static int RunSequence(int seed, Dictionary<(OrderBookEventKind, ReasonCode), int> seen)
    {
        var random = new Random(seed);
        var product = BookCommandGenerator.Product(random);
        var generator = new BookCommandGenerator(random, product, random.Next(2) == 0);
        var clock = new ManualClock(Books.Start);
        var log = new OrderBookEventLog();
        var fast = new Book(product, clock, log);
        var naive = new NaiveOrderBook(product, clock);
        var count = random.Next(10, 80);
        var replayAt = random.Next(count + 1);
        Book? replayed = null;
        var replayedLog = new OrderBookEventLog();
        var history = new List<BookCommand>();
        List<RestingOrder> live = [];
        for (var i = 0; i < count; i++)
        {
            if (i == replayAt)
            {
                replayed = Book.Replay(product, clock, log.Events, replayedLog);
                Agree(seed, history, "replayed book", fast.Snapshot().IsIdenticalTo(replayed.Snapshot()), "the replayed book differs from the live one");
            }

            var command = generator.Next(live, clock.Now);
            history.Add(command);
            clock.Advance(command.ClockStep);
            var fastFrom = log.Events.Count;
            var replayedFrom = replayedLog.Events.Count;
            var fastReason = Run(fast, command);
            var naiveReason = Run(naive, command);
            Agree(seed, history, "reason", fastReason == naiveReason, $"fast {fastReason}, naive {naiveReason}");
            var fastEvents = log.Events.Skip(fastFrom).ToList();
            var naiveEvents = naive.Events.Skip(fastFrom).ToList();
            Agree(seed, history, "events", fastEvents.SequenceEqual(naiveEvents), $"fast:\n  {string.Join("\n  ", fastEvents)}\nnaive:\n  {string.Join("\n  ", naiveEvents)}");
            live = CompareState(seed, history, fast, naive);
            if (replayed is not null)
            {
                var replayedReason = Run(replayed, command);
                var replayedEvents = replayedLog.Events.Skip(replayedFrom).ToList();
                Agree(seed, history, "replayed book", replayedReason == fastReason && replayedEvents.SequenceEqual(fastEvents),
                    $"after replay at request {replayAt}:\n  {string.Join("\n  ", replayedEvents)}\nlive:\n  {string.Join("\n  ", fastEvents)}");
            }

            foreach (var e in fastEvents)
            {
                seen[(e.Kind, e.Reason)] = seen.GetValueOrDefault((e.Kind, e.Reason)) + 1;
            }
        }

        var final = Book.Replay(product, clock, log.Events, new OrderBookEventLog());
        Agree(seed, history, "final replay", fast.Snapshot().IsIdenticalTo(final.Snapshot()), "replaying the whole log gives a different book");
        return count;
    }

    /// <summary>Compares everything observable; returns the resting orders (bids, then asks).</summary>
    private static List<RestingOrder> CompareState(int seed, List<BookCommand> history, Book fast, NaiveOrderBook naive)
    {
        var snapshot = fast.Snapshot();
        List<RestingOrder> bids = naive.Bids;
        List<RestingOrder> asks = naive.Asks;
        Agree(seed, history, "bids", snapshot.Bids.SequenceEqual(bids), $"fast:\n  {string.Join("\n  ", snapshot.Bids)}\nnaive:\n  {string.Join("\n  ", bids)}");
        Agree(seed, history, "asks", snapshot.Asks.SequenceEqual(asks), $"fast:\n  {string.Join("\n  ", snapshot.Asks)}\nnaive:\n  {string.Join("\n  ", asks)}");
        Agree(seed, history, "best prices", fast.BestBidTicks == naive.BestBidTicks && fast.BestAskTicks == naive.BestAskTicks,
            $"fast {fast.BestBidTicks}/{fast.BestAskTicks}, naive {naive.BestBidTicks}/{naive.BestAskTicks}");
        Agree(seed, history, "depth", Depth(snapshot.Bids).SequenceEqual(NaiveOrderBook.Depth(bids)) && Depth(snapshot.Asks).SequenceEqual(NaiveOrderBook.Depth(asks)), "depth per level differs");
        Agree(seed, history, "counters", snapshot.NextPriority == naive.NextPriority && snapshot.NextEventSequence == naive.NextEventSequence
            && snapshot.GateClosed == naive.GateClosed && fast.IsGateClosed == naive.GateClosed && fast.LiveOrderCount == naive.LiveOrderCount
            && Enumerable.Range(0, 4).All(p => fast.LiveOrderCountOf(p) == naive.LiveOrderCountOf(p)),
            $"fast priority {snapshot.NextPriority} event {snapshot.NextEventSequence} gate {snapshot.GateClosed} live {fast.LiveOrderCount}; "
            + $"naive {naive.NextPriority} {naive.NextEventSequence} {naive.GateClosed} {naive.LiveOrderCount}");
        foreach (var e in naive.Events.TakeLast(8))
        {
            Agree(seed, history, "lookup", fast.Contains(e.Order) == naive.Contains(e.Order), $"Contains({e.Order}) differs");
        }

        return [.. bids, .. asks];
    }

    /// <summary>Displayed lots per price level from a list in matching order.</summary>
    private static List<(long PriceTicks, long DisplayedLots)> Depth(IReadOnlyList<RestingOrder> side)
    {
        var depth = new List<(long, long)>();
        foreach (var o in side)
        {
            if (depth.Count > 0 && depth[^1].Item1 == o.PriceTicks)
            {
                depth[^1] = (o.PriceTicks, depth[^1].Item2 + o.DisplayedLots);
            }
            else
            {
                depth.Add((o.PriceTicks, o.DisplayedLots));
            }
        }

        return depth;
    }

    private static ReasonCode Run(Book book, BookCommand c)
    {
        switch (c.Kind)
        {
            case BookCommandKind.Submit: return book.Submit(c.Entry);
            case BookCommandKind.Cancel: return book.Cancel(c.Key);
            case BookCommandKind.Amend: return book.Amend(c.Key, c.PriceTicks, c.Lots);
            case BookCommandKind.ProcessTime: book.ProcessTime(); return ReasonCode.None;
            default: book.EndSession(); return ReasonCode.None;
        }
    }

    private static ReasonCode Run(NaiveOrderBook book, BookCommand c)
    {
        switch (c.Kind)
        {
            case BookCommandKind.Submit: return book.Submit(c.Entry);
            case BookCommandKind.Cancel: return book.Cancel(c.Key);
            case BookCommandKind.Amend: return book.Amend(c.Key, c.PriceTicks, c.Lots);
            case BookCommandKind.ProcessTime: book.ProcessTime(); return ReasonCode.None;
            default: book.EndSession(); return ReasonCode.None;
        }
    }

    private static void Agree(int seed, List<BookCommand> history, string what, bool agree, string detail)
    {
        if (agree)
        {
            return;
        }

        var message = new StringBuilder();
        message.AppendLine($"seed {seed}: {what} disagree after request {history.Count} (rerun with Seed_AgreesWithTheNaiveBook({seed}))");
        message.AppendLine(detail);
        message.AppendLine("requests:");
        for (var i = 0; i < history.Count; i++)
        {
            message.AppendLine($"  {i + 1}: {history[i]}");
        }

        Assert.Fail(message.ToString());
    }
}
