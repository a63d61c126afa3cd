namespace Lem.Markets.Continuous;

/// <summary>A clock that always reads the same instant: simulated continuous trading orders by arrival sequence, not wall time.</summary>
internal sealed class FixedClock(Instant now) : IClock
{
    /// <inheritdoc />
    public Instant GetCurrentInstant() => now;
}
