namespace Lem.Ledger;

/// <summary>
/// The server's Ed25519 key in a data folder: <c>&lt;data&gt;/server-ed25519.key</c>, the base64 of the 32-byte private
/// key, created on first use with file mode 600 (owner read and write only).
/// </summary>
public static class ServerKeyFile
{
    /// <summary>The key file's name.</summary>
    public const string FileName = "server-ed25519.key";

    /// <summary>The key file's path in <paramref name="dataDir"/>.</summary>
    public static string PathIn(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        return Path.Combine(dataDir, FileName);
    }

    /// <summary>
    /// Loads the key of <paramref name="dataDir"/>, or creates the folder and a new key (mode 600) when there is none.
    /// Two processes racing to create it end up with the same key: the key is written to a temporary file and renamed into place without overwriting, and the loser loads the winner's key.
    /// </summary>
    /// <exception cref="InvalidDataException">The key file exists but does not hold a base64 32-byte key.</exception>
    public static Ed25519KeyPair LoadOrCreate(string dataDir)
    {
        var path = PathIn(dataDir);
        if (File.Exists(path))
        {
            return Load(dataDir);
        }

        Directory.CreateDirectory(dataDir);
        var key = Ed25519KeyPair.Generate();
        var temporary = Path.Combine(dataDir, $".{FileName}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToBase64String(key.PrivateKey));
                writer.Write('\n');
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // Renaming is atomic: a concurrent reader sees no file or the whole key, and a second creator loses the race.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            return Load(dataDir);
        }
        finally
        {
            File.Delete(temporary);
        }

        return key;
    }

    /// <summary>Loads the existing key of <paramref name="dataDir"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no key file.</exception>
    /// <exception cref="InvalidDataException">The file does not hold a base64 32-byte key.</exception>
    public static Ed25519KeyPair Load(string dataDir)
    {
        var path = PathIn(dataDir);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The data folder {dataDir} has no server key {FileName}.", path);
        }

        var text = File.ReadAllText(path).Trim();
        if (!Base64.TryDecodeCanonical(text, out var bytes) || bytes.Length != Ed25519.PrivateKeySizeBytes)
        {
            throw new InvalidDataException($"{path} must hold the base64 of a {Ed25519.PrivateKeySizeBytes}-byte Ed25519 private key.");
        }

        return Ed25519KeyPair.FromPrivateKey(bytes);
    }
}
