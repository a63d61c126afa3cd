namespace Lem.Server.Tests;

/// <summary>A held clearing of <see cref="CountingPoolMechanism"/>: signalled when the clearing starts, waiting until released.</summary>
internal sealed class ClearingHold
{
    /// <summary>Released once each time a held clearing has started.</summary>
    public SemaphoreSlim Entered { get; } = new(0);

    /// <summary>Set when the hold ends.</summary>
    public ManualResetEventSlim Released { get; } = new(false);
}
