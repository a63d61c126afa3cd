using NodaTime;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;

    public void Advance(Duration d) => Now += d;
}
