namespace Lem.Server.Engine;

/// <summary>A registered participant (or DSO) as stored: its key hash and optional signing key.</summary>
internal sealed record ParticipantRecord(string ParticipantId, Role Role, string ApiKeySha256Hex, byte[]? PublicKey, Instant RegisteredAt);
