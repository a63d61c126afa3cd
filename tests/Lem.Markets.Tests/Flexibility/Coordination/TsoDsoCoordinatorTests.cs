using FsCheck.Xunit;
using Lem.Markets.Flexibility.Continuous;
using Lem.Markets.Flexibility.Coordination;
using Lem.Markets.Flexibility.Domain;
using Lem.Markets.Tests.Flexibility.Continuous;

namespace Lem.Markets.Tests.Flexibility.Coordination;

/// <summary>TSO–DSO coordination (docs/mechanisms/flexibility.md#tso-dso-coordination).</summary>
public sealed class TsoDsoCoordinatorTests
{
    [Fact]
    public void Pairing_OutsideDownOrders_BestBidFirst_SpreadByHand()
    {
        // Inside: 10 kW up at an ask of 70 EUR/MWh. Outside: down bids 50 (8 kW), 45 (6 kW), 40 (5 kW); 15-minute slot.
        // Pairs 8 kW at 50 and 2 kW at 45: spread = 0.25 h × (8 kW × 20 + 2 kW × 25) EUR/MWh / 1000 = 0.0525 EUR.
        var grid = FlexFeeders.Radial(1.0, [0, 1], [1e-4, 1e-4], [1e-4, 1e-4], [null, null], vmMin: 0.5, vmMax: 1.5);
        var area = new CongestionPoint("cp", null, [new BusId("1")]);
        var market = new FlexMarket { SlotCount = 1, SlotHours = 0.25, CongestionPoints = [area] };
        using var coordinator = new TsoDsoCoordinator(market, grid);
        coordinator.Dso.PostRequest(new FlexRequest("r", "cp", 0, FlexDirection.Up, 10, null));
        foreach (var (id, bid, kw) in new[] { ("d3", 40, 5), ("d1", 50, 8), ("d2", 45, 6) })
        {
            coordinator.Dso.SubmitOffer(FlexFeeders.Offer(id, 2, FlexDirection.Down, kw, bid));
        }

        var activation = coordinator.Dso.SubmitOffer(FlexFeeders.Offer("in", 1, FlexDirection.Up, 10, 70)).Single();
        var pair = coordinator.Pair(activation, area);

        Assert.Equal(10, pair.InsideKw, 6);
        Assert.Equal(["d1", "d2"], pair.Legs.Select(l => l.OfferId));
        Assert.Equal([8.0, 2.0], pair.Legs.Select(l => l.Kw));
        Assert.Equal(0.0525m, pair.SpreadEur);
        var released = coordinator.Released(0);
        Assert.Equal(4, released.Single(o => o.Id == "d2").PowerKw, 6);
        Assert.Equal(5, released.Single(o => o.Id == "d3").PowerKw, 6);
        Assert.DoesNotContain(released, o => o.Id is "d1" or "in");
    }

    [Fact]
    public void TsoRequest_ForAnAssetInsideTheDsoArea_IsRefusedNamingBus2_OutsideOfferTakesTheRest()
    {
        // The feeder of the continuous-trading tests with no DSO order: v2 = 1.0792 + 2·0.2·0.04 = 1.0952, limit
        // 1.09956196; 30 kW at bus 2, all or nothing, raises v2 by 0.42·0.030 = 0.0126: refused. Bus 0 lies in no DSO
        // area: ordered as wanted.
        var (grid, market) = ContinuousFlexTradingTests.Feeder();
        using var coordinator = new TsoDsoCoordinator(market, grid);
        coordinator.Dso.SubmitOffer(FlexFeeders.Offer("Q", 2, FlexDirection.Up, 30, 40, minActivation: 1));
        coordinator.Dso.SubmitOffer(FlexFeeders.Offer("T", 0, FlexDirection.Up, 10, 50));

        var events = coordinator.PostTsoRequest(new TsoFlexRequest("tso-1", 0, FlexDirection.Up, 30));

        var q = events.Single(e => e.OfferId == "Q");
        Assert.Equal(FlexMatchOutcome.Refused, q.Outcome);
        Assert.Equal("tso", q.Buyer);
        Assert.Equal("overvoltage", q.ViolationKind);
        Assert.Equal("2", q.ViolatedElement);
        var t = events.Single(e => e.OfferId == "T");
        Assert.Equal(FlexMatchOutcome.Accepted, t.Outcome);
        Assert.Equal(10, t.OrderedKw, 6);
    }

    [Fact]
    public void OfferOrderedByTheDso_IsNotOrderedAgainByTheTso()
    {
        var (grid, market) = ContinuousFlexTradingTests.Feeder();
        using var coordinator = new TsoDsoCoordinator(market, grid);
        coordinator.Dso.PostRequest(market.Requests[0] with { RequestedKw = 4 });
        coordinator.Dso.SubmitOffer(FlexFeeders.Offer("P", 1, FlexDirection.Up, 6, 30));

        var events = coordinator.PostTsoRequest(new TsoFlexRequest("tso-1", 0, FlexDirection.Up, 10));

        Assert.Equal(2, events.Single().OrderedKw, 6);
        Assert.Equal(6, coordinator.Registry.BookedKw(FlexFeeders.Offer("P", 1, FlexDirection.Up, 6, 30), 0), 6);
    }

    [Property(MaxTest = 1000)]
    public void NoOffer_IsEverOrderedBeyondItsVolume_OverRandomInterleavings(int seed)
    {
        var random = new Random(seed);
        var (grid, market) = ContinuousFlexTradingTests.Feeder();
        market = market with { SlotCount = 2, Prognoses = [new FlexPrognosis(new BusId("1"), [-160, -140]), new FlexPrognosis(new BusId("2"), [40, 20])] };
        var area = market.CongestionPoints[0];
        using var coordinator = new TsoDsoCoordinator(market, grid);
        var offers = new List<FlexOffer>();
        var dsoActivations = new List<FlexMatchEvent>();
        var steps = random.Next(4, 14);
        for (var s = 0; s < steps; s++)
        {
            var direction = random.Next(2) == 0 ? FlexDirection.Up : FlexDirection.Down;
            var slot = random.Next(2);
            switch (random.Next(4))
            {
                case 0:
                    var offer = FlexFeeders.Offer($"o{s}", random.Next(0, 3), direction, random.Next(1, 25), random.Next(5, 100), minActivation: random.Next(3) == 0 ? 0.5 : 0)
                        with { Slots = random.Next(2) == 0 ? [0, 1] : [slot] };
                    offers.Add(offer);
                    dsoActivations.AddRange(coordinator.Dso.SubmitOffer(offer));
                    break;
                case 1:
                    dsoActivations.AddRange(coordinator.Dso.PostRequest(new FlexRequest($"r{s}", "cp", slot, direction, random.Next(1, 40), null)));
                    break;
                case 2:
                    coordinator.PostTsoRequest(new TsoFlexRequest($"t{s}", slot, direction, random.Next(1, 40)));
                    break;
                default:
                    if (dsoActivations.LastOrDefault(e => e.OrderedKw > 0) is { } last)
                    {
                        coordinator.Pair(last, area);
                    }

                    break;
            }
        }

        // Recount from the events, independently of the registry's own sums.
        foreach (var offer in offers)
        {
            foreach (var slot in offer.Slots)
            {
                var ordered = coordinator.Dso.Events.Where(e => e.OfferId == offer.Id && e.Slot == slot).Sum(e => e.OrderedKw);
                Assert.True(ordered <= offer.PowerKw + 1e-6, $"seed {seed}: offer {offer.Id} slot {slot} ordered {ordered} kW of {offer.PowerKw}");
                Assert.Equal(ordered, coordinator.Registry.BookedKw(offer, slot), 5);
            }
        }
    }
}
