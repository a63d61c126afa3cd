using Lem.Domain.Orders;
using Lem.Domain.Validation;
using Lem.Markets.Auctions;
using Lem.Scenarios.Reading;

namespace Lem.Markets.Tests.Auctions;

/// <summary>Quoted cells in auction order files (docs/auction-orders.md).</summary>
public sealed class AuctionOrderQuotingTests
{
    private static AuctionBookLoadResult Parse(string text) => AuctionOrderReader.Parse(new StringReader(text), "orders.csv");

    [Fact]
    public void QuotedCells_AreUnquoted_AndAQuotedLineBreakStaysInItsCell()
    {
        var ok = Parse("participant,side,slot,price_eur_per_mwh,quantity_kwh\n\"alice\",\"buy\",\"0\",\"50\",\"3\"\nbob,sell,0,10,4\n");
        Assert.True(ok.IsValid, string.Join("\n", ok.Errors));
        Assert.Equal(["alice", "bob"], ok.Book!.Orders.Select(o => o.Participant.Value));
        Assert.Equal(OrderSide.Buy, ok.Book.Orders[0].Side);
        Assert.Equal([new PriceStep(50, 3)], ok.Book.Orders[0].Steps);

        // Lines 2-3 are one record whose participant holds the line break (not a valid id); line 4 keeps its number.
        var r = Parse("participant,side,slot,price_eur_per_mwh,quantity_kwh\n\"ali\nce\",buy,0,50,3\nbob,hold,0,10,4\n");
        Assert.Equal(
            [("orders.csv:2", ValidationCodes.IdInvalid), ("orders.csv:4", ValidationCodes.ValueInvalid)],
            r.Errors.Select(e => (e.Path, e.Code)));
        Assert.Contains("ali\nce", r.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedQuote_IsAMalformedFileError_AtFileAndLine()
    {
        var r = Parse("participant,side,slot,price_eur_per_mwh,quantity_kwh\nalice,buy,0,50,3\nbob,sell,0,\"10,4\ncarol,sell,0,20,1\n");

        Assert.False(r.IsValid);
        Assert.Null(r.Book);
        var e = Assert.Single(r.Errors);
        Assert.Equal(("orders.csv:3", ValidationCodes.FileMalformed), (e.Path, e.Code));
        Assert.Contains("never closed", e.Message, StringComparison.Ordinal);
    }
}
