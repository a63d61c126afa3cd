using System.Runtime.InteropServices;

namespace Lem.Server.Store;

/// <summary>
/// The last ledger head the server signed, kept outside the store next to the server key, in two copies that the server
/// overwrites in turn: <c>&lt;data&gt;/ledger-head.json</c> and <c>&lt;data&gt;/ledger-head.alt.json</c>, each one
/// <see cref="LedgerHead.ToJson"/> padded with spaces to a fixed size. A copy is written in place (same size, so only its
/// data is flushed: <c>fdatasync</c>, no rename, no metadata), always the copy that does not hold the newest head, so a
/// write torn by a crash leaves the other copy's head intact; a copy that does not exist yet, or has another size, is
/// created whole (a temporary file renamed over it). The newest copy that is a head signed by the server's key wins. The
/// server writes a head only after its group commit returned, so no copy is ever ahead of the store; on start it refuses
/// a store whose chain does not reach the winning head with the same hash. See <c>docs/ledger.md</c>.
/// </summary>
public static class LedgerHeadFile
{
    /// <summary>The first copy's name (the only one of servers before the second copy).</summary>
    public const string FileName = "ledger-head.json";

    /// <summary>The second copy's name.</summary>
    public const string AlternateFileName = "ledger-head.alt.json";

    /// <summary>The size a copy is padded to (a multiple of it when a head is longer); a head takes about 300 bytes.</summary>
    public const int PaddedSize = 512;

    /// <summary>The number of copies.</summary>
    public const int Copies = 2;

    /// <summary>The path of copy <paramref name="copy"/> (0 or 1) in <paramref name="dataDir"/>.</summary>
    public static string PathIn(string dataDir, int copy = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        ArgumentOutOfRangeException.ThrowIfNegative(copy);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(copy, Copies);
        return Path.Combine(dataDir, copy == 0 ? FileName : AlternateFileName);
    }

    /// <summary>
    /// Reads the newest head of <paramref name="dataDir"/> that is signed by <paramref name="serverPublicKey"/>, or null
    /// when neither copy exists. A copy that is not such a head (a torn write) is passed over when the other one is.
    /// </summary>
    /// <exception cref="InvalidDataException">A copy exists but none is a head signed by this key; the message names each copy's fault.</exception>
    public static LedgerHead? Read(string dataDir, byte[] serverPublicKey)
    {
        ArgumentNullException.ThrowIfNull(serverPublicKey);
        LedgerHead? newest = null;
        var faults = new List<string>();
        for (var copy = 0; copy < Copies; copy++)
        {
            var path = PathIn(dataDir, copy);
            if (!File.Exists(path))
            {
                continue;
            }

            if (!LedgerHead.TryParse(File.ReadAllText(path), out var head, out var error))
            {
                faults.Add($"{path} is not a ledger head: {error}.");
            }
            else if (!head!.Verify(serverPublicKey))
            {
                faults.Add($"{path}: the ledger head (record {head.Sequence}) is not signed by this server's key.");
            }
            else if (newest is null || head.Sequence > newest.Sequence)
            {
                newest = head;
            }
        }

        return newest is null && faults.Count > 0 ? throw new InvalidDataException(string.Join(" ", faults)) : newest;
    }

    /// <summary>
    /// Writes <paramref name="head"/> to copy <paramref name="copy"/>: in place when the copy exists with the padded size
    /// (flushed with <c>fdatasync</c> when <paramref name="flushToDisk"/>), otherwise as a new file renamed over it.
    /// The caller overwrites only a copy that does not hold the newest head.
    /// </summary>
    public static void Write(string dataDir, int copy, LedgerHead head, bool flushToDisk)
    {
        ArgumentNullException.ThrowIfNull(head);
        var path = PathIn(dataDir, copy);
        var bytes = Padded(head);
        if (new FileInfo(path) is { Exists: true } existing && existing.Length == bytes.Length)
        {
            using var inPlace = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
            inPlace.Write(bytes);
            inPlace.Flush(flushToDisk: false);
            if (flushToDisk)
            {
                FlushData(inPlace);
            }

            return;
        }

        var temporary = Path.Combine(dataDir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
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

    /// <summary>The head's JSON line padded with spaces (ignored by JSON readers) to a multiple of <see cref="PaddedSize"/>, ending in a newline.</summary>
    private static byte[] Padded(LedgerHead head)
    {
        var json = System.Text.Encoding.UTF8.GetBytes(head.ToJson().ToJsonString());
        var size = ((json.Length / PaddedSize) + 1) * PaddedSize;
        var bytes = new byte[size];
        json.CopyTo(bytes, 0);
        bytes.AsSpan(json.Length, size - json.Length - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>
    /// Flushes the file's data to disk: <c>fdatasync</c> where the C library has it (the size is unchanged, so no metadata
    /// needs flushing), a full flush elsewhere.
    /// </summary>
    private static void FlushData(FileStream stream)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                if (FileDataSync((int)stream.SafeFileHandle.DangerousGetHandle()) != 0)
                {
                    throw new IOException($"fdatasync failed with error {Marshal.GetLastPInvokeError()}.");
                }

                return;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc: the full flush below.
            }
        }

        stream.Flush(flushToDisk: true);
    }

    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [DllImport("libc.so.6", EntryPoint = "fdatasync", SetLastError = true, ExactSpelling = true)]
    private static extern int FileDataSync(int fd);
}
