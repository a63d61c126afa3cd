namespace Lem.Server.Engine;

/// <summary>The order books' clock: set by the sequencer to each command's time stamp, so live runs and replays see the same instants.</summary>
internal sealed class MutableClock : IClock
{
    /// <summary>The current instant.</summary>
    public Instant Now { get; set; }

    /// <inheritdoc />
    public Instant GetCurrentInstant() => Now;
}
