using BenchmarkDotNet.Attributes;
using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using NodaTime;
using Book = Lem.Markets.OrderBook.OrderBook;

namespace Lem.Benchmarks.OrderBook;

/// <summary>
/// The continuous order book's hot path: the mixed synthetic stream (60 % resting, 30 % cancels, 10 % aggressive over
/// 1000 levels) per operation, and a rest-then-cancel pair on a book holding a steady depth.
/// </summary>
[MemoryDiagnoser]
public class OrderBookBenchmarks
{
    private const int MaxLive = 1 << 18;
    private Book _book = null!;
    private SyntheticOrderStream _stream = null!;
    private Book _depthBook = null!;
    private long _nextId;

    /// <summary>Operations per invocation of <see cref="MixedStream"/>.</summary>
    [Params(100_000)]
    public int Operations { get; set; } = 100_000;

    /// <summary>Builds a fresh book and stream per iteration so every iteration sees the same sequence.</summary>
    [IterationSetup(Target = nameof(MixedStream))]
    public void SetupStream()
    {
        _stream = new SyntheticOrderStream(MaxLive);
        _book = new Book(SyntheticOrderStream.Product(MaxLive), SystemClock.Instance, _stream);
        _stream.Run(_book, 200_000, null, 1);
    }

    /// <summary>Builds a book with 10 000 resting orders on each side.</summary>
    [GlobalSetup(Target = nameof(RestThenCancel))]
    public void SetupDepth()
    {
        _depthBook = new Book(SyntheticOrderStream.Product(MaxLive), SystemClock.Instance, new OrderBookEventRing());
        for (var i = 0; i < 10_000; i++)
        {
            _depthBook.Submit(new OrderEntry { Participant = i % 100, ClientOrderId = ++_nextId, Side = OrderSide.Buy, PriceTicks = 4999 - (i % 500), Lots = 5 });
            _depthBook.Submit(new OrderEntry { Participant = i % 100, ClientOrderId = ++_nextId, Side = OrderSide.Sell, PriceTicks = 5000 + (i % 500), Lots = 5 });
        }
    }

    /// <summary>The mixed stream, <see cref="Operations"/> operations per invocation.</summary>
    [Benchmark(OperationsPerInvoke = 100_000)]
    public int MixedStream() => _stream.Run(_book, Operations, null, 1);

    /// <summary>One new resting order and its cancel, in a deep book.</summary>
    [Benchmark]
    public ReasonCode RestThenCancel()
    {
        var id = ++_nextId;
        _depthBook.Submit(new OrderEntry { Participant = 7, ClientOrderId = id, Side = OrderSide.Buy, PriceTicks = 4900, Lots = 3 });
        return _depthBook.Cancel(new OrderKey(7, id));
    }
}
