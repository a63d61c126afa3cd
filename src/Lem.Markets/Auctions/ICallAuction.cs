namespace Lem.Markets.Auctions;

/// <summary>A call-auction mechanism: clears every delivery slot of a book on its own (docs/mechanisms/auctions.md).</summary>
public interface ICallAuction
{
    /// <summary>The mechanism's name as used on the command line: <c>uniform</c>, <c>pay-as-bid</c> or <c>mcafee</c>.</summary>
    string Name { get; }

    /// <summary>Clears the book: every slot, trades, prices, welfare and operator surplus, and the rules used.</summary>
    AuctionResult Clear(AuctionBook book);
}
