namespace Lem.Settlement.Billing;

/// <summary>A transfer of the compensation rule.</summary>
/// <param name="Participant">The participant.</param>
/// <param name="AmountEur">What it receives (positive, a participant that was worse off) or pays (negative, a participant that gains), EUR.</param>
public sealed record CompensationTransfer(ParticipantId Participant, decimal AmountEur);
