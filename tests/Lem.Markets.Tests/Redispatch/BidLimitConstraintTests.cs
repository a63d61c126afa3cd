using Lem.Markets.Clearing;

namespace Lem.Markets.Tests.Redispatch;

/// <summary>Bid limits honoured by the pool (constraints), the call auctions (trimmed orders) and refused by the ADMM mechanisms (docs/mechanisms/redispatch.md#bid-limits).</summary>
public sealed class BidLimitConstraintTests
{
    [Fact]
    public void Pool_KeepsEveryCappedParticipantWithinItsCaps()
    {
        // The auction feeder's orders in the pool (copper plate, with the outside market): the seller would sell 120 kW
        // and buyer0 buy 100 kW; capped at 30 kW and 40 kW they clear at the caps.
        var market = RedispatchFeeder.Auction();
        var limits = Limits(market.Horizon.Count, ("seller2", 30, double.PositiveInfinity), ("buyer0", double.PositiveInfinity, 40));
        var free = ClearingMechanisms.Get("pool").Clear(new ClearingRequest(market) { Formulation = "copperplate" });
        var capped = ClearingMechanisms.Get("pool").Clear(new ClearingRequest(market with { BidLimits = limits }) { Formulation = "copperplate" });

        BidLimitAssert.Honoured(market, capped, limits);
        Assert.Equal(120, Position(free, "seller2", 0), 6);
        Assert.Equal(30, Position(capped, "seller2", 0), 6);
        Assert.Equal(-40, Position(capped, "buyer0", 0), 6);
        Assert.True(capped.WelfareEur < free.WelfareEur);
    }

    [Fact]
    public void CallAuction_RandomOrdersAndCaps_NetInjectionNeverExceedsTheCaps()
    {
        var random = new Random(20261207);
        var market = RedispatchFeeder.Auction(maxIKa: 0.4);
        foreach (var auction in new[] { "uniform", "pay-as-bid", "mcafee" })
        {
            for (var run = 0; run < 40; run++)
            {
                var caps = market.Participants.Select(p => (p.Id.Value, Injection: random.NextDouble() < 0.2 ? double.PositiveInfinity : random.Next(0, 130), Withdrawal: random.NextDouble() < 0.2 ? double.PositiveInfinity : random.Next(0, 130))).ToArray();
                var limits = Limits(market.Horizon.Count, caps);
                var result = ClearingMechanisms.Get(auction).Clear(new ClearingRequest(market with { BidLimits = limits }));
                BidLimitAssert.Honoured(market, result, limits);

                // The seller's cap binds whenever it is below what the buyers take at 20 EUR/MWh or more (120 kWh).
                var sellerCap = caps.Single(c => c.Value == "seller2").Injection;
                var buyers = caps.Where(c => c.Value != "seller2").Sum(c => Math.Min(c.Withdrawal, c.Value == "buyer0" ? 100 : 20));
                if (auction == "uniform")
                {
                    Assert.Equal(Math.Min(Math.Min(sellerCap, 120), buyers), Position(result, "seller2", 1), 6);
                }
            }
        }
    }

    [Fact]
    public void Trimming_KeepsTheStepsInMeritOrder()
    {
        // The seller's steps: 60 kWh at 10, 60 at 20 EUR/MWh; a 70 kW cap keeps 60 at 10 and 10 at 20.
        var market = RedispatchFeeder.Auction();
        var trimmed = BidLimitTrimming.Apply(market with { BidLimits = Limits(3, ("seller2", 70, 0)) });
        var order = trimmed.Participants.Single(p => p.Id.Value == "seller2").Orders.First();
        Assert.Equal([(10m, 60m), (20m, 10m)], order.Steps.Select(s => (s.PriceEurPerMwh, s.QuantityKwh)).ToList());
        Assert.Null(trimmed.BidLimits);
    }

    [Theory]
    [InlineData("exchange")]
    [InlineData("community")]
    [InlineData("p2p")]
    public void AdmmMechanisms_SayThatTheyDoNotSupportBidLimits(string mechanism)
    {
        var market = RedispatchFeeder.Pool();
        var request = new ClearingRequest(market with { BidLimits = Limits(3, ("pv2", 50, double.PositiveInfinity)) });
        Assert.Contains(ClearingMechanisms.Get(mechanism).Check(request), e => e.Code == "clearing.bid_limits_not_supported");
        Assert.DoesNotContain(ClearingMechanisms.Get(mechanism).Check(new ClearingRequest(market)), e => e.Code == "clearing.bid_limits_not_supported");
    }

    private static double Position(ClearingResult result, string who, int slot) =>
        result.Positions.SingleOrDefault(p => p.Participant.Value == who)?.NetInjectionKw[slot] ?? 0;

    private static BidLimits Limits(int slots, params (string Who, double Injection, double Withdrawal)[] caps) =>
        new(caps.ToDictionary(c => new ParticipantId(c.Who), c => new BidLimit([.. Enumerable.Repeat(c.Injection, slots)], [.. Enumerable.Repeat(c.Withdrawal, slots)])));
}
