using Lem.Grid.Network;
using Lem.Markets.Flexibility.Continuous;
using Lem.Markets.Flexibility.Domain;

namespace Lem.Markets.Tests.Flexibility.Continuous;

/// <summary>
/// Continuous trading on a hand-built feeder (docs/mechanisms/flexibility.md#worked-example-c-continuous-trading):
/// line 0–1 overloaded by the load at bus 1, a PV system at bus 2 holding bus 2 close to its upper voltage limit.
/// </summary>
public sealed class ContinuousFlexTradingTests
{
    [Fact]
    public void CheapOfferAtBus1_IsAccepted_SecondOfferAtBus2_IsReducedAtTheOverVoltageOfBus2()
    {
        // By hand (LinDistFlow, v = |V|², p.u. on 1 MVA): v0 = 1.04² = 1.0816; after P (5 kW) line 0–1 carries 115 kW:
        // v1 = 1.0816 − 2·0.01·0.115 = 1.0793, v2 = v1 + 2·0.2·0.04 = 1.0953. An injection ΔP at bus 2 raises v2 by
        // 2·(0.01 + 0.2)·ΔP = 0.42·ΔP; the limit 1.0486² = 1.09956196 leaves 0.00426196, so ΔP ≤ 0.0101475 p.u. =
        // 10.15 kW of the 15 kW still wanted; with a granularity of 1 kW: 10 kW.
        var (grid, market) = Feeder();
        using var trading = new ContinuousFlexTrading(market, grid);
        trading.PostRequest(market.Requests[0]);

        var p = trading.SubmitOffer(FlexFeeders.Offer("P", 1, FlexDirection.Up, 5, 30)).Single();
        var q = trading.SubmitOffer(FlexFeeders.Offer("Q", 2, FlexDirection.Up, 30, 40)).Single();

        Assert.Equal(FlexMatchOutcome.Accepted, p.Outcome);
        Assert.Equal(5, p.OrderedKw, 6);
        Assert.Equal(0.15m, p.CostEur);
        Assert.Equal(FlexMatchOutcome.Reduced, q.Outcome);
        Assert.Equal(15, q.WantedKw, 6);
        Assert.Equal(10, q.OrderedKw, 6);
        Assert.Equal(0.40m, q.CostEur);
        Assert.Equal("overvoltage", q.ViolationKind);
        Assert.Equal("2", q.ViolatedElement);
        Assert.Equal(5, trading.OpenKw(market.Requests[0]), 6);
    }

    [Fact]
    public void AllOrNothingOfferAtBus2_IsRefused_NamingBus2()
    {
        // All 30 kW at bus 2 would raise v2 by 0.42·0.030 = 0.0126 > 0.00426: refused, not reduced (minimum factor 1).
        var (grid, market) = Feeder();
        using var trading = new ContinuousFlexTrading(market, grid);
        trading.PostRequest(market.Requests[0]);
        trading.SubmitOffer(FlexFeeders.Offer("P", 1, FlexDirection.Up, 5, 30));

        var q = trading.SubmitOffer(FlexFeeders.Offer("Q", 2, FlexDirection.Up, 30, 40, minActivation: 1)).Single();

        Assert.Equal(FlexMatchOutcome.Refused, q.Outcome);
        Assert.Equal(0, q.OrderedKw);
        Assert.Equal("overvoltage", q.ViolationKind);
        Assert.Equal("2", q.ViolatedElement);
        Assert.Equal(0, trading.Registry.BookedKw(FlexFeeders.Offer("Q", 2, FlexDirection.Up, 30, 40), 0));
    }

    [Fact]
    public void RequestPostedAfterTheOffers_TakesThemInPriceTimePriority()
    {
        // Three offers at bus 1 (no voltage trouble there): 8 kW at 50, 8 kW at 30 (later), 8 kW at 30 (latest).
        // A request for 12 kW takes the earlier 30 whole, then 4 kW of the later 30; the 50 is not touched.
        var (grid, market) = Feeder();
        using var trading = new ContinuousFlexTrading(market, grid);
        trading.SubmitOffer(FlexFeeders.Offer("X", 1, FlexDirection.Up, 8, 50));
        trading.SubmitOffer(FlexFeeders.Offer("Y", 1, FlexDirection.Up, 8, 30));
        trading.SubmitOffer(FlexFeeders.Offer("Z", 1, FlexDirection.Up, 8, 30));

        var events = trading.PostRequest(market.Requests[0] with { RequestedKw = 12 });

        Assert.Equal(["Y", "Z"], events.Select(e => e.OfferId));
        Assert.Equal([8.0, 4.0], events.Select(e => e.OrderedKw));
    }

    [Fact]
    public void OfferThatWouldDeepenTheCongestion_IsRefusedAsNoRelief()
    {
        // A down offer at bus 1 (more load) against a down request: it would raise the overload of line 0–1.
        var (grid, market) = Feeder();
        using var trading = new ContinuousFlexTrading(market, grid);
        trading.PostRequest(new FlexRequest("r-down", "cp", 0, FlexDirection.Down, 5, null));

        var e = trading.SubmitOffer(FlexFeeders.Offer("D", 1, FlexDirection.Down, 5, 10)).Single();

        Assert.Equal(FlexMatchOutcome.Refused, e.Outcome);
        Assert.Equal("overload", e.ViolationKind);
        Assert.Equal("L0-1", e.ViolatedElement);
    }

    /// <summary>Slack at 1.04 p.u.; line 0–1 r = 0.01 p.u., 100 kVA; line 1–2 r = 0.2 p.u.; load 160 kW at bus 1, PV 40 kW at bus 2; |V| ≤ 1.0486.</summary>
    internal static (GridNetwork Grid, FlexMarket Market) Feeder()
    {
        var radial = FlexFeeders.Radial(1.0, [0, 1], [0.01, 0.2], [1e-6, 1e-6], [0.100, null], vmMin: 0.9, vmMax: 1.0486);
        var grid = radial with { ExternalGrids = [radial.ExternalGrids[0] with { VmPu = 1.04 }] };
        var market = new FlexMarket
        {
            SlotCount = 1,
            SlotHours = 1,
            Rules = FlexMarketRules.Default with { GranularityKw = 1 },
            Prognoses = [FlexFeeders.Prognosis(1, -160), FlexFeeders.Prognosis(2, 40)],
            CongestionPoints = [new CongestionPoint("cp", null, [new BusId("1"), new BusId("2")])],
            Requests = [new FlexRequest("r1", "cp", 0, FlexDirection.Up, 20, null)],
        };
        return (grid, market);
    }
}
