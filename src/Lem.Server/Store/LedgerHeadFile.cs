using Lem.Ledger;

namespace Lem.Server.Store;

/// <summary>
/// The last ledger head the server signed, kept outside the store next to the server key:
/// <c>&lt;data&gt;/ledger-head.json</c> (<see cref="LedgerHead.ToJson"/>). The server rewrites it after a group commit
/// returned (so it is never ahead of the store) by writing a temporary file and renaming it over the old one, so a reader
/// sees the old head or the new one, never a mix. On start the server refuses a store whose chain does not reach this
/// head with the same hash. See <c>docs/ledger.md</c>.
/// </summary>
public static class LedgerHeadFile
{
    /// <summary>The file's name.</summary>
    public const string FileName = "ledger-head.json";

    /// <summary>The file's path in <paramref name="dataDir"/>.</summary>
    public static string PathIn(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        return Path.Combine(dataDir, FileName);
    }

    /// <summary>Reads the head of <paramref name="dataDir"/>, or null when there is no file.</summary>
    /// <exception cref="InvalidDataException">The file is not a head.</exception>
    public static LedgerHead? Read(string dataDir)
    {
        var path = PathIn(dataDir);
        if (!File.Exists(path))
        {
            return null;
        }

        if (!LedgerHead.TryParse(File.ReadAllText(path), out var head, out var error))
        {
            throw new InvalidDataException($"{path} is not a ledger head: {error}.");
        }

        return head;
    }

    /// <summary>
    /// Writes <paramref name="head"/> atomically: a temporary file in the same folder (flushed to disk when
    /// <paramref name="flushToDisk"/>), then renamed over the old file.
    /// </summary>
    public static void Write(string dataDir, LedgerHead head, bool flushToDisk)
    {
        ArgumentNullException.ThrowIfNull(head);
        var path = PathIn(dataDir);
        var temporary = Path.Combine(dataDir, $".{FileName}.{Environment.ProcessId}.tmp");
        var bytes = System.Text.Encoding.UTF8.GetBytes(head.ToJson().ToJsonString() + "\n");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            stream.Write(bytes);
            if (flushToDisk)
            {
                stream.Flush(flushToDisk: true);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
