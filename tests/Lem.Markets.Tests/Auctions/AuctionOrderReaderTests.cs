using Lem.Domain.Orders;
using Lem.Domain.Validation;
using Lem.Markets.Auctions;
using Lem.Scenarios.Reading;

namespace Lem.Markets.Tests.Auctions;

public sealed class AuctionOrderReaderTests
{
    private static AuctionBookLoadResult Parse(string text) => AuctionOrderReader.Parse(new StringReader(text), "orders.csv");

    [Fact]
    public void Parse_GroupsRowsIntoOrders_ByOrderIdOrByParticipantSideSlot()
    {
        var r = Parse("""
            participant,side,slot,price_eur_per_mwh,quantity_kwh,order_id,time
            alice,buy,0,50,3,a1,2026-06-21T08:00:00Z
            alice,buy,0,30,2,a1,2026-06-21T08:00:00Z
            bob,sell,0,10,4,,
            bob,sell,0,20,1,,
            bob,sell,1,20,1,,

            carol,SELL,1,-20.5,2.5,c1,2026-06-21T10:00:00+02:00
            """);

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var book = r.Book!;
        Assert.Equal([0, 1], book.Slots);
        Assert.Equal(["a1", "bob/sell/0", "bob/sell/1", "c1"], book.Orders.Select(o => o.Id.Value));
        var a1 = book.Orders[0];
        Assert.Equal(OrderSide.Buy, a1.Side);
        Assert.Equal([new PriceStep(50, 3), new PriceStep(30, 2)], a1.Steps);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 6, 21, 8, 0), a1.Time);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 6, 21, 8, 0), book.Orders[3].Time);
        Assert.Equal(2, book.Orders[1].Steps.Count);
        Assert.Equal("1", book.SlotLabel(1));
    }

    [Fact]
    public void Parse_TimeStampSlots_AreNumberedInTimeOrder_AndLabelled()
    {
        var r = Parse("""
            participant,side,slot,price_eur_per_mwh,quantity_kwh
            a,buy,2026-06-21T10:15:00Z,50,1
            b,sell,2026-06-21T12:00:00+02:00,40,1
            """);

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        Assert.Equal([0, 1], r.Book!.Slots);
        Assert.Equal(1, r.Book.Orders[0].Slot);
        Assert.Equal("2026-06-21T10:00:00Z", r.Book.SlotLabel(0));
    }

    [Fact]
    public void Parse_ReportsEveryProblem_WithFileLineAndCode()
    {
        var r = Parse("""
            participant,side,slot,price_eur_per_mwh,quantity_kwh
            alice,hold,0,50,3
            bob,sell,0,5000,1
            carol,sell,0,10,0
            dave,buy,0,NaN,1
            erin,buy,-1,10,x
            bad id,buy,0,10,1
            frank,buy,0,10
            """);

        Assert.False(r.IsValid);
        Assert.Null(r.Book);
        var got = r.Errors.Select(e => (e.Path, e.Code)).ToList();
        Assert.Contains(("orders.csv:2", ValidationCodes.ValueInvalid), got);
        Assert.Contains(("orders.csv:3", ValidationCodes.ValueOutOfRange), got);
        Assert.Contains(("orders.csv:4", ValidationCodes.ValueOutOfRange), got);
        Assert.Contains(("orders.csv:5", ValidationCodes.ValueNotFinite), got);
        Assert.Contains(("orders.csv:6", ValidationCodes.ValueInvalid), got);
        Assert.Contains(("orders.csv:6", ValidationCodes.FieldType), got);
        Assert.Contains(("orders.csv:7", ValidationCodes.IdInvalid), got);
        Assert.Contains(("orders.csv:8", ValidationCodes.FileMalformed), got);
        Assert.Equal(8, r.Errors.Count);
        Assert.All(r.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Parse_BadHeader_MissingAndUnknownColumns()
    {
        var r = Parse("participant,side,slot,price,quantity_kwh\nalice,buy,0,50,3\n");
        Assert.Contains(r.Errors, e => e.Path == "orders.csv:1" && e.Code == ValidationCodes.FieldUnknown);
        Assert.Contains(r.Errors, e => e.Path == "orders.csv:1" && e.Code == ValidationCodes.FieldMissing && e.Message.Contains("price_eur_per_mwh", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_InconsistentOrderRows_AndMixedSlotKinds_AreRejected()
    {
        var inconsistent = Parse("participant,side,slot,price_eur_per_mwh,quantity_kwh,order_id\na,buy,0,50,1,o1\nb,buy,0,40,1,o1\n");
        Assert.Contains(inconsistent.Errors, e => e.Path == "orders.csv:3" && e.Code == ValidationCodes.ValueInvalid);

        var mixed = Parse("participant,side,slot,price_eur_per_mwh,quantity_kwh\na,buy,0,50,1\nb,sell,2026-06-21T10:00:00Z,40,1\n");
        Assert.Contains(mixed.Errors, e => e.Path == "orders.csv:3" && e.Code == ValidationCodes.ValueInvalid);
    }

    [Fact]
    public void Parse_EmptyFile_AndHeaderOnly_AreRejected()
    {
        Assert.Contains(Parse(string.Empty).Errors, e => e.Code == ValidationCodes.FileMalformed);
        Assert.Contains(Parse("participant,side,slot,price_eur_per_mwh,quantity_kwh\n").Errors, e => e.Code == ValidationCodes.FileMalformed);
    }

    [Fact]
    public void Load_MissingFile_IsAProblemNotAnException()
    {
        var r = AuctionOrderReader.Load("no/such/orders.csv");
        Assert.Equal(ValidationCodes.FileMissing, Assert.Single(r.Errors).Code);
    }
}
