using FsCheck.Xunit;
using Lem.Markets.OrderBook;
using NodaTime;
using Book = Lem.Markets.OrderBook.OrderBook;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>
/// Property tests over random order streams (FsCheck generates the integers; <see cref="RandomStreamDriver"/> decodes
/// them into requests and checks, after every request: never crossed, no trade outside either limit, price-time
/// priority, quantity conservation). Replay of the event log must rebuild the identical book.
/// </summary>
public sealed class OrderBookPropertyTests
{
    [Property(MaxTest = 300)]
    public void RandomStream_CancelNewest_KeepsInvariants_AndReplays(int[] ops)
    {
        RunAndReplay(ops, SelfTradePrevention.CancelNewest, false);
    }

    [Property(MaxTest = 300)]
    public void RandomStream_CancelOldest_KeepsInvariants_AndReplays(int[] ops)
    {
        RunAndReplay(ops, SelfTradePrevention.CancelOldest, false);
    }

    [Property(MaxTest = 300)]
    public void RandomStream_WithLocations_KeepsInvariants_AndReplays(int[] ops, bool oldest)
    {
        RunAndReplay(ops, oldest ? SelfTradePrevention.CancelOldest : SelfTradePrevention.CancelNewest, true);
    }

    [Fact]
    public void LongRandomStream_KeepsInvariants_AndReplaysAtEveryHundredthEvent()
    {
        var random = new Random(20260301);
        var ops = new int[3000];
        for (var i = 0; i < ops.Length; i++)
        {
            ops[i] = random.Next();
        }

        var driver = new RandomStreamDriver(SelfTradePrevention.CancelOldest, true);
        for (var i = 0; i < ops.Length; i++)
        {
            driver.Step(ops[i]);
            if (i % 100 == 99)
            {
                Replay(driver);
            }
        }

        Assert.True(driver.Traded > 0);
    }

    private static void RunAndReplay(int[] ops, SelfTradePrevention stp, bool locations)
    {
        var driver = new RandomStreamDriver(stp, locations);
        driver.Run(ops ?? []);
        Replay(driver);
    }

    private static void Replay(RandomStreamDriver driver)
    {
        var replayed = Book.Replay(driver.Book.Product, SystemClock.Instance, driver.Log.Events, new OrderBookEventLog());
        Assert.True(driver.Book.Snapshot().IsIdenticalTo(replayed.Snapshot()));
    }
}
