using Lem.Grid.Network;
using Lem.Markets.Flexibility.Clearing;
using Lem.Markets.Flexibility.Domain;
using Lem.Markets.Flexibility.Requests;

namespace Lem.Markets.Tests.Flexibility;

/// <summary>
/// The DSO's needs (docs/mechanisms/flexibility.md#the-dsos-needs) on feeder 0–1–2 with an evening peak: 30 kW at bus 1,
/// 70 kW and 30 kvar at bus 2; line 1–2 rated 50 kVA (S = √(70² + 30²) = 76.2 kVA), line 0–1 rated 200 kVA; losses
/// negligible. By hand: the active flow of line 1–2 must fall to √(50² − 30²) = 40 kW, so 30 kW up is requested at
/// bus 2, and at most 70 + 40 = 110 kW before it overloads the other way.
/// </summary>
public sealed class FlexNeedsAnalysisTests
{
    private static GridNetwork Grid(double? rating12 = 0.050) => FlexFeeders.Radial(1.0, [0, 1], [1e-6, 1e-6], [1e-6, 1e-6], [0.200, rating12]);

    private static FlexMarket Market(double busTwoKw = -70) => new()
    {
        SlotCount = 1,
        SlotHours = 1,
        AutomaticRequests = true,
        Prognoses = [FlexFeeders.Prognosis(1, -30), new FlexPrognosis(new BusId("2"), [busTwoKw], [-30])],
        CongestionPoints =
        [
            new CongestionPoint("end", null, [new BusId("2")]),
            new CongestionPoint("feeder", null, [new BusId("1"), new BusId("2")]),
        ],
        Offers = [FlexFeeders.Offer("near", 1, FlexDirection.Up, 40, 10), FlexFeeders.Offer("far", 2, FlexDirection.Up, 50, 50)],
    };

    [Fact]
    public void EveningPeak_Overload_BecomesTheHandComputedRequestAtTheEndOfTheFeeder()
    {
        var needs = FlexNeedsAnalysis.Analyse(Market(), Grid());

        // "feeder" holds bus 1, which cannot relieve line 1–2: only "end" qualifies.
        var r = Assert.Single(needs.Requests);
        Assert.Equal(("end", 0, FlexDirection.Up), (r.CongestionPoint, r.Slot, r.Direction));
        Assert.Equal(30, r.RequestedKw, 2);
        Assert.Equal(110, r.AvailableKw!.Value, 2);
        Assert.Empty(needs.Notes);
    }

    [Fact]
    public void ElementsSharingAnId_TheOverloadedOneIsAnalysed()
    {
        // A pandapower network numbers lines and transformers each from 0, so two branches may share an id: here line
        // 0–1 takes the id of the overloaded line 1–2. The analysis must still look at line 1–2 (the hand-computed 30 kW).
        var grid = Grid();
        grid = grid with { Lines = [grid.Lines[0] with { Id = grid.Lines[1].Id }, grid.Lines[1]] };

        var needs = FlexNeedsAnalysis.Analyse(Market(), grid);

        var r = Assert.Single(needs.Requests);
        Assert.Equal(("end", 30.0, 110.0), (r.CongestionPoint, Math.Round(r.RequestedKw, 2), Math.Round(r.AvailableKw!.Value, 2)));
    }

    [Fact]
    public void ClearingTheRequest_RemovesTheViolationInTheAcCheck()
    {
        // Clear against the request alone (the line's rating removed from the clearing's grid), then put the orders
        // into the baseline and run the analysis on the rated grid again: no violation, no request.
        var needs = FlexNeedsAnalysis.Analyse(Market(), Grid());
        var cleared = FlexClearing.Clear(Market() with { AutomaticRequests = false, Requests = needs.Requests }, Grid(rating12: null));
        var order = Assert.Single(cleared.Orders);
        Assert.Equal("far", order.Offer.Id);
        Assert.Equal(30, order.PowerKw, 2);

        var after = FlexNeedsAnalysis.Analyse(Market(busTwoKw: -70 + order.PowerKw), Grid());

        Assert.Empty(after.Requests);
    }

    [Fact]
    public void AutomaticRequests_InTheClearing_AreMetAndReported()
    {
        var r = FlexClearing.Clear(Market(), Grid());

        Assert.Equal(FlexClearingStatus.Cleared, r.Status);
        Assert.Contains(r.ViolationsBefore, v => v.Kind == "overload" && v.Element == "L1-2");
        Assert.Empty(r.ViolationsAfter);
        Assert.Equal(30, r.Orders.Where(o => o.Offer.Id == "far").Sum(o => o.PowerKw), 2);
        Assert.DoesNotContain(r.Orders, o => o.Offer.Id == "near");
    }

    [Fact]
    public void ViolationNoCongestionPointCanRelieve_IsANote()
    {
        var needs = FlexNeedsAnalysis.Analyse(Market() with { CongestionPoints = [new CongestionPoint("upstream", null, [new BusId("1")])] }, Grid());

        Assert.Empty(needs.Requests);
        Assert.Contains(needs.Notes, n => n.Contains("L1-2", StringComparison.Ordinal));
    }
}
