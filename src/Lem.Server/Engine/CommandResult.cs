namespace Lem.Server.Engine;

/// <summary>What a command produced: an HTTP status and a JSON body (a problem document for errors).</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The JSON body.</param>
internal sealed record CommandResult(int Status, JsonNode Body)
{
    /// <summary>
    /// The ledger record a repeated answer was first committed under (a retry gets the first answer again), or null for
    /// the record of the batch that answers it.
    /// </summary>
    public LedgerStamp? Ledger { get; init; }
}
