namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// The flexibility service provider (FSP) role: a participant (aggregator, prosumer, community) that offers changes of
/// net injection of the flexible assets it controls to a system operator and is paid for what it delivers.
/// </summary>
/// <param name="Id">The participant acting as FSP.</param>
/// <param name="Name">A display name, or null.</param>
public sealed record FlexibilityServiceProvider(ParticipantId Id, string? Name = null);
