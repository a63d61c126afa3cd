using FsCheck.Xunit;
using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Auctions;
using Lem.Markets.Pool;
using Lem.Pipeline;

namespace Lem.Markets.Tests.Auctions;

/// <summary>Properties of the call auctions over random books (FsCheck), including a differential test against the pool LP.</summary>
public sealed class AuctionPropertyTests
{
    private const double TolKwh = 1e-6;

    [Property(Arbitrary = [typeof(RandomBookArbitrary)], MaxTest = 25)]
    public void Uniform_WelfareEqualsPoolLpWelfare_OnCopperPlate(RandomBook random)
    {
        var book = random.ToBook();
        var auction = new UniformPriceAuction().Clear(book);
        // SolverVertex keeps the LP's own volumes, so the pool welfare is the LP optimum, not a merit-order re-split.
        var pool = PoolClearing.Clear(ToScenario(book), new CopperPlateFormulation(), new PoolOptions { VolumeRule = VolumeRule.SolverVertex });

        Assert.Equal(PoolStatus.Optimal, pool.Status);
        Assert.True(pool.Statistics.Solves >= 1, "the pool must have solved its LP");
        foreach (var slot in auction.Slots)
        {
            var lp = pool.Slots[slot.Slot].WelfareEur;
            Assert.True(Math.Abs(lp - slot.WelfareEur) <= 1e-6m * Math.Max(1m, Math.Abs(lp)), $"slot {slot.Slot}: auction {slot.WelfareEur} EUR, pool LP {lp} EUR");
        }

        Assert.True(Math.Abs(pool.WelfareEur - auction.WelfareEur) <= 1e-5m, $"auction {auction.WelfareEur} EUR, pool LP {pool.WelfareEur} EUR");
    }

    [Property(Arbitrary = [typeof(RandomBookArbitrary)], MaxTest = 200)]
    public void Uniform_IsBudgetBalanced_IndividuallyRational_AndRespectsQuantities(RandomBook random)
    {
        var book = random.ToBook();
        var r = new UniformPriceAuction().Clear(book);

        Assert.Equal(0m, r.SurplusEur);
        foreach (var slot in r.Slots)
        {
            Assert.Equal(slot.EfficientVolumeKwh, slot.TradedVolumeKwh, 6);
            if (slot.ClearingPriceEurPerMwh is { } p)
            {
                Assert.InRange(p, slot.PriceLowEurPerMwh!.Value, slot.PriceHighEurPerMwh!.Value);
            }
        }

        AssertIndividuallyRational(r);
        AssertWithinOrderQuantities(book, r);
    }

    [Property(Arbitrary = [typeof(RandomBookArbitrary)], MaxTest = 200)]
    public void McAfee_IsIndividuallyRational_NeverInDeficit_LosesAtMostOneUnit(RandomBook random)
    {
        var book = random.ToBook();
        var r = new McAfeeAuction().Clear(book);
        var uniform = new UniformPriceAuction().Clear(book);

        AssertIndividuallyRational(r);
        AssertWithinOrderQuantities(book, r);
        Assert.True(r.SurplusEur >= 0m, $"surplus {r.SurplusEur}");
        for (var i = 0; i < r.Slots.Count; i++)
        {
            var s = r.Slots[i];
            Assert.True(s.SurplusEur >= 0m, $"slot {s.Slot}: surplus {s.SurplusEur}");

            // Whole-kWh quantities and 1 kWh units: K equals the uniform auction's efficient volume.
            Assert.Equal(uniform.Slots[i].EfficientVolumeKwh, s.EfficientVolumeKwh, 6);
            Assert.True(s.TradedVolumeKwh >= s.EfficientVolumeKwh - 1.0 - TolKwh, $"slot {s.Slot}: traded {s.TradedVolumeKwh} of {s.EfficientVolumeKwh}");
            Assert.True(s.WelfareEur <= uniform.Slots[i].WelfareEur, "McAfee cannot beat the efficient welfare");
        }
    }

    [Property(Arbitrary = [typeof(RandomBookArbitrary)], MaxTest = 200)]
    public void PayAsBid_SurplusNonNegative_SameVolumeAndWelfareAsUniform(RandomBook random)
    {
        var book = random.ToBook();
        var r = new PayAsBidAuction().Clear(book);
        var uniform = new UniformPriceAuction().Clear(book);

        AssertIndividuallyRational(r);
        AssertWithinOrderQuantities(book, r);
        Assert.True(r.SurplusEur >= 0m, $"surplus {r.SurplusEur}");
        Assert.Equal(r.WelfareEur, r.SurplusEur);
        Assert.Equal(uniform.WelfareEur, r.WelfareEur);
        for (var i = 0; i < r.Slots.Count; i++)
        {
            Assert.Equal(uniform.Slots[i].TradedVolumeKwh, r.Slots[i].TradedVolumeKwh, 6);
            Assert.All(r.Slots[i].Trades, t => Assert.True(t.BuyerPriceEurPerMwh >= t.SellerPriceEurPerMwh));
        }
    }

    private static void AssertIndividuallyRational(AuctionResult r) => Assert.All(r.Trades, t =>
    {
        Assert.True(t.QuantityKwh > 0);
        Assert.True(t.BuyerPriceEurPerMwh <= t.BidEurPerMwh + 1e-9, $"{t.Buyer} pays {t.BuyerPriceEurPerMwh} above its bid {t.BidEurPerMwh}");
        Assert.True(t.SellerPriceEurPerMwh >= t.AskEurPerMwh - 1e-9, $"{t.Seller} receives {t.SellerPriceEurPerMwh} below its ask {t.AskEurPerMwh}");
    });

    private static void AssertWithinOrderQuantities(AuctionBook book, AuctionResult r)
    {
        foreach (var o in book.Orders)
        {
            var traded = r.Trades.Where(t => (o.Side == OrderSide.Buy ? t.BuyOrder : t.SellOrder) == o.Id).Sum(t => t.QuantityKwh);
            Assert.True(traded <= (double)o.TotalQuantityKwh + TolKwh, $"order {o.Id} trades {traded} of {o.TotalQuantityKwh} kWh");
        }

        foreach (var slot in r.Slots)
        {
            Assert.All(slot.Trades, t => Assert.Equal(slot.Slot, t.Slot));
            Assert.Equal(slot.TradedVolumeKwh, slot.Trades.Sum(t => t.QuantityKwh), 6);
        }
    }

    /// <summary>A pool scenario holding only the book's orders: participants without assets, the outside market closed.</summary>
    private static Pipeline.Scenario ToScenario(AuctionBook book)
    {
        var slots = Math.Max(2, book.Slots.Max() + 1);
        var participants = book.Orders
            .GroupBy(o => o.Participant)
            .Select(g => TestScenarios.Participant(
                g.Key.Value,
                ParticipantRole.Prosumer,
                orders: [.. g.Select(o => new Order(o.Id, o.Participant, o.Side, o.Slot, o.Steps))]))
            .ToArray();
        var closed = TestScenarios.Market([.. Enumerable.Repeat(45.0, slots)], importLimitKw: 0, exportLimitKw: 0);
        return TestScenarios.Scenario("auction-differential", TestScenarios.Hourly(slots), closed, participants);
    }
}
