using System.Collections.Concurrent;

namespace Lem.Server.Uftp;

/// <summary>
/// The public signing keys of the UFTP participants Lem accepts messages from, by domain and role: the operator's
/// registration replaces the specification's DNS lookup (docs/uftp.md, "Sender keys").
/// </summary>
internal sealed class UftpSenderKeys
{
    private readonly ConcurrentDictionary<UftpParty, byte[]> _keys = new();

    /// <summary>Registers (or replaces) the signing key of a sender.</summary>
    public void Register(UftpParty party, byte[] signingKey) => _keys[party] = (byte[])signingKey.Clone();

    /// <summary>The signing key of a sender, or null when it is not registered.</summary>
    public byte[]? Find(UftpParty party) => _keys.GetValueOrDefault(party);
}
