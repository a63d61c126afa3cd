namespace Lem.Markets.Tests.OrderBook;

/// <summary>The requests the reference-book property test sends to both books.</summary>
internal enum BookCommandKind
{
    Submit,
    Cancel,
    Amend,
    ProcessTime,
    EndSession,
}
