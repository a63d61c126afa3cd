namespace Lem.Server.Cluster;

/// <summary>A participant as the cluster's registry knows it: what a market grain needs to admit its API key.</summary>
/// <param name="ParticipantId">The participant id.</param>
/// <param name="Role">The role name (participant or dso).</param>
/// <param name="Ed25519PublicKeyBase64">The order-signing key in base64, or null.</param>
[GenerateSerializer]
[Alias("lem.cluster.participant")]
public sealed record ClusterParticipant(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Ed25519PublicKeyBase64);
