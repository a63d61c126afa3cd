namespace Lem.Markets.Redispatch;

/// <summary>One clearing of a redispatch (docs/mechanisms/redispatch.md#iterative-redispatch): round 0 is the first clearing.</summary>
/// <param name="Round">The round (0 for the first clearing).</param>
/// <param name="Violations">The (slot, element) AC violations of the round's clearing.</param>
/// <param name="WelfareEur">The round's welfare, EUR.</param>
/// <param name="CappedParticipants">The participants with a finite cap in some slot when the round was cleared.</param>
/// <param name="MaxLoadingPercent">The highest AC branch loading of the round's clearing (0 without a grid).</param>
public sealed record RedispatchRound(int Round, int Violations, decimal WelfareEur, int CappedParticipants, double MaxLoadingPercent);
