using Lem.Markets.OrderBook;
using Book = Lem.Markets.OrderBook.OrderBook;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>
/// The benchmark stream of <c>lem bench orderbook</c> (docs/order-book.md, "Performance"): its own bookkeeping of the
/// live orders (packed, to keep the harness's share of a measured run small) must agree with the book it drives, and
/// its request sequence must stay the one the figures were measured with.
/// </summary>
public sealed class SyntheticOrderStreamTests
{
    [Fact]
    public void BenchmarkStream_TracksTheBooksLiveOrders_AndKeepsItsRequestSequence()
    {
        const int operations = 300_000;
        var stream = new SyntheticOrderStream(1 << 18);
        var book = new Book(SyntheticOrderStream.Product(1 << 18), new ManualClock(Books.Start), stream);
        var samples = new long[(operations / 16) + 1];

        var timed = stream.Run(book, operations, samples, 16);

        Assert.Equal(0, stream.Rejections);
        Assert.Equal(book.LiveOrderCount, stream.LiveOrders);
        var snapshot = book.Snapshot();
        Assert.Equal(book.LiveOrderCount, snapshot.Bids.Count + snapshot.Asks.Count);
        Assert.Equal(18_750, timed);

        // The same seed gave these figures with the stream's earlier, unpacked bookkeeping (commit d5961a3).
        Assert.Equal((180_229L, 89_721L, 30_050L), stream.Mix);
        Assert.Equal(94_971, stream.Trades);
        Assert.Equal(19_984, stream.LiveOrders);
        Assert.Equal(4914, book.BestBidTicks);
        Assert.Equal(5008, book.BestAskTicks);
    }
}
