namespace Lem.Pipeline.Json;

/// <summary>The <c>redispatch</c> block of a run's summary (docs/mechanisms/redispatch.md).</summary>
/// <param name="Strategy">none, iterative or bid-limits.</param>
/// <param name="Rounds">Re-clearings after the first.</param>
/// <param name="ViolationsBefore">(slot, element) AC violations of the first clearing.</param>
/// <param name="ViolationsAfter">AC violations of the final clearing.</param>
/// <param name="WelfareLostEur">First minus final welfare, EUR.</param>
/// <param name="CappedParticipants">Participants with a finite cap in the final clearing.</param>
/// <param name="Warnings">The redispatch's remarks.</param>
public sealed record RedispatchSummary(
    string Strategy,
    int Rounds,
    int ViolationsBefore,
    int ViolationsAfter,
    decimal WelfareLostEur,
    int CappedParticipants,
    IReadOnlyList<string> Warnings);
