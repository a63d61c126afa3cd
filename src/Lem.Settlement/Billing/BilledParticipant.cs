using Lem.Domain.Participants;

namespace Lem.Settlement.Billing;

/// <summary>A participant that receives an invoice.</summary>
/// <param name="Id">The participant's id.</param>
/// <param name="Name">Its display name, or null.</param>
/// <param name="Role">Its role.</param>
public sealed record BilledParticipant(ParticipantId Id, string? Name, ParticipantRole Role);
