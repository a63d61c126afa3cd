using NodaTime;

namespace Lem.Domain.Time;

/// <summary>How a user-written time stamp resolved to an instant, or why it did not.</summary>
public enum LocalTimeStatus
{
    /// <summary>The stamp names exactly one instant.</summary>
    Resolved,

    /// <summary>The text is not an ISO local date-time (with optional offset) or date.</summary>
    Unparsable,

    /// <summary>The local time does not exist in the zone (clocks jump forward over it).</summary>
    InGap,

    /// <summary>The local time occurs twice in the zone (clocks go back) and no offset says which.</summary>
    Ambiguous,
}

/// <summary>The result of resolving a user-written time stamp in a zone.</summary>
/// <param name="Status">Whether and how the stamp resolved.</param>
/// <param name="Instant">The instant, when <see cref="Status"/> is <see cref="LocalTimeStatus.Resolved"/>.</param>
/// <param name="Message">A sentence describing the problem, when there is one.</param>
public readonly record struct LocalTimeResolution(LocalTimeStatus Status, Instant Instant, string? Message)
{
    /// <summary>Whether the stamp resolved to one instant.</summary>
    public bool IsResolved => Status == LocalTimeStatus.Resolved;
}
