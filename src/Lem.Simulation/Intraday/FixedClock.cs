namespace Lem.Simulation.Intraday;

/// <summary>A clock that stands still: the simulated intraday session happens at one instant, before every gate closure.</summary>
/// <param name="now">The instant it shows.</param>
internal sealed class FixedClock(Instant now) : IClock
{
    /// <inheritdoc />
    public Instant GetCurrentInstant() => now;
}
