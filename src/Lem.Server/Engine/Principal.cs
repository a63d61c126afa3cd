namespace Lem.Server.Engine;

/// <summary>An authenticated caller.</summary>
/// <param name="Id">The participant id ("operator" for the operator).</param>
/// <param name="Role">The role.</param>
/// <param name="PublicKey">The Ed25519 public key orders must be signed with; null when orders are not signed.</param>
internal sealed record Principal(string Id, Role Role, byte[]? PublicKey)
{
    /// <summary>The caller without credentials.</summary>
    public static Principal Anonymous { get; } = new("public", Role.Public, null);
}
