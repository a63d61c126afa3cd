namespace Lem.Markets.Redispatch;

/// <summary>
/// What a redispatch did: the first clearing and the final one, the rounds of re-clearing, the AC limit violations
/// (slot × element) before and after, and the welfare lost (first minus final welfare, EUR, ≥ 0 up to solver tolerance).
/// </summary>
/// <param name="Strategy">The redispatch's name.</param>
/// <param name="Initial">The clearing before any correction.</param>
/// <param name="Final">The clearing after the last round (the same object as <paramref name="Initial"/> without corrections).</param>
/// <param name="Rounds">Re-clearings done (0 when the first clearing was within limits or nothing was corrected).</param>
/// <param name="ViolationsBefore">AC violations of the first clearing (0 without a grid).</param>
/// <param name="ViolationsAfter">AC violations of the final clearing.</param>
/// <param name="WelfareLostEur">Initial minus final welfare.</param>
public sealed record RedispatchOutcome(
    string Strategy,
    ClearingResult Initial,
    ClearingResult Final,
    int Rounds,
    int ViolationsBefore,
    int ViolationsAfter,
    decimal WelfareLostEur)
{
    /// <summary>The rounds of clearing in order, the first clearing as round 0.</summary>
    public IReadOnlyList<RedispatchRound> History { get; init; } = [];

    /// <summary>The bid limits the final clearing was cleared with, or null for none.</summary>
    public BidLimits? FinalLimits { get; init; }

    /// <summary>Remarks for the user (a re-clearing that failed, caps a mechanism could not honour, a violation caps cannot remove).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when the final clearing is within the grid's limits.</summary>
    public bool WithinLimits => ViolationsAfter == 0;
}
