namespace Lem.Server.Api;

/// <summary>The body of <c>POST /v1/participants</c>.</summary>
/// <param name="ParticipantId">The participant's id.</param>
/// <param name="Role"><c>participant</c> (default) or <c>dso</c>.</param>
/// <param name="Ed25519PublicKey">An optional Ed25519 public key (base64); its owner must then sign every order body.</param>
internal sealed record RegisterParticipantRequest(string ParticipantId, string? Role, string? Ed25519PublicKey);
