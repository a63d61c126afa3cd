namespace Lem.Server.Store;

/// <summary>
/// The store fails verification (a broken chain, a command log that does not match the ledger, or a chain behind the
/// head the server signed last) and the server refuses to start on it. An <see cref="IOException"/>, so callers that
/// report a store they cannot use report this one too.
/// </summary>
public sealed class StoreIntegrityException : IOException
{
    /// <summary>Creates the exception with a message naming the bad record.</summary>
    public StoreIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreIntegrityException()
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public StoreIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
