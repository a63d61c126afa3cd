using System.Collections.Concurrent;

namespace Lem.Server.Uftp;

/// <summary>
/// The public signing keys of the UFTP participants Lem accepts messages from, by domain and role: the operator's
/// registration replaces the specification's DNS lookup (docs/uftp.md, "Sender keys"). Registrations are kept in a
/// file of the data folder, one <c>domain role cs1-key</c> line each, so they survive a restart.
/// </summary>
internal sealed class UftpSenderKeys
{
    /// <summary>The file of the registered keys in the data folder.</summary>
    public const string FileName = "uftp-senders.txt";

    private readonly ConcurrentDictionary<UftpParty, byte[]> _keys = new();
    private readonly object _fileLock = new();
    private readonly string? _path;

    /// <summary>Creates the registry, reading the registrations stored in <paramref name="dataDirectory"/> (none when null).</summary>
    public UftpSenderKeys(string? dataDirectory)
    {
        if (dataDirectory is null)
        {
            return;
        }

        _path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(_path))
        {
            foreach (var line in File.ReadAllLines(_path).Where(l => l.Trim().Length > 0))
            {
                var (party, key) = Parse(line) ?? throw new InvalidDataException($"{FileName}: '{line}' is not 'domain role key'.");
                _keys[party] = key;
            }
        }
    }

    /// <summary>Reads a <c>domain role key</c> line (role AGR or CRO; key a CS1 key string or the base64 of a 32-byte Ed25519 key); null when it is not one.</summary>
    public static (UftpParty Party, byte[] Key)? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var key = parts.Length == 3 ? Cs1.SigningKey(parts[2]) : null;
        return key is null || !UftpValues.IsValid(UftpValueType.Domain, parts[0]) || parts[1] is not ("AGR" or "CRO")
            ? null
            : (new UftpParty(parts[0], parts[1]), key);
    }

    /// <summary>Registers (or replaces) the signing key of a sender and stores the registrations.</summary>
    public void Register(UftpParty party, byte[] signingKey)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        lock (_fileLock)
        {
            _keys[party] = (byte[])signingKey.Clone();
            if (_path is not null)
            {
                var lines = _keys.OrderBy(k => k.Key.Domain, StringComparer.Ordinal).ThenBy(k => k.Key.Role, StringComparer.Ordinal)
                    .Select(k => $"{k.Key.Domain} {k.Key.Role} {Cs1.KeyString(k.Value)}");
                var temporary = _path + ".tmp";
                File.WriteAllLines(temporary, lines);
                File.Move(temporary, _path, overwrite: true);
            }
        }
    }

    /// <summary>The signing key of a sender, or null when it is not registered.</summary>
    public byte[]? Find(UftpParty party) => _keys.GetValueOrDefault(party);
}
