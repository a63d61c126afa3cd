namespace Lem.Markets.Flexibility.Continuous;

/// <summary>How a match passed the grid check (docs/mechanisms/flexibility.md#continuous-trading).</summary>
public enum FlexMatchOutcome
{
    /// <summary>The whole wanted volume was ordered.</summary>
    Accepted,

    /// <summary>Part of the wanted volume was ordered: the full volume would violate a limit elsewhere.</summary>
    Reduced,

    /// <summary>Nothing was ordered.</summary>
    Refused,
}
