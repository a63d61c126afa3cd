using FsCheck.Xunit;
using Lem.Markets.Flexibility.Clearing;
using Lem.Markets.Flexibility.Continuous;
using Lem.Markets.Flexibility.Domain;

namespace Lem.Markets.Tests.Flexibility.Continuous;

/// <summary>
/// Continuous trading against the call (MILP) clearing on the same offers when the grid does not interact (no ratings,
/// a wide voltage band): both order the requested volume, and continuous trading, matching offers as they arrive,
/// costs at least the call's least cost.
/// </summary>
public sealed class ContinuousVersusCallPropertyTests
{
    [Property(MaxTest = 60)]
    public void SameVolume_CostAtLeastTheCallsLeastCost(int seed)
    {
        var random = new Random(seed);
        var grid = FlexFeeders.Radial(1.0, [0, 1], [1e-4, 1e-4], [1e-4, 1e-4], [null, null], vmMin: 0.5, vmMax: 1.5);
        var count = random.Next(1, 7);
        var offers = Enumerable.Range(0, count)
            .Select(i => FlexFeeders.Offer($"o{i}", random.Next(1, 3), FlexDirection.Up, random.Next(1, 31), random.Next(5, 101)))
            .ToList();
        var requested = Math.Round(random.NextDouble() * offers.Sum(o => o.PowerKw), 3);
        var market = new FlexMarket
        {
            SlotCount = 1,
            SlotHours = 0.25,
            Offers = offers,
            CongestionPoints = [new CongestionPoint("cp", null, [new BusId("1"), new BusId("2")])],
            Requests = [new FlexRequest("r", "cp", 0, FlexDirection.Up, requested, requested)],
        };

        var call = FlexClearing.Clear(market, grid);
        var continuous = ContinuousFlexTrading.Run(market, grid);

        Assert.Equal(FlexClearingStatus.Cleared, call.Status);
        Assert.Equal(call.Orders.Sum(o => o.PowerKw), continuous.OrderedKw, 4);
        Assert.Equal(requested, continuous.OrderedKw, 4);
        Assert.True(continuous.CostEur >= call.CostEur - 1e-5m, $"seed {seed}: continuous {continuous.CostEur} EUR < call {call.CostEur} EUR");
        Assert.All(continuous.Events, e => Assert.Equal(FlexMatchOutcome.Accepted, e.Outcome));
    }

    /// <summary>
    /// Seed 59: the request's orders, recorded to six decimals, summed to a hair below its volume, and later offers were
    /// matched against that hair and refused; a request is filled within 1e-6 kW.
    /// </summary>
    [Theory]
    [InlineData(59)]
    public void FilledRequest_IsNotMatchedAgainstRoundingLeftovers(int seed) => SameVolume_CostAtLeastTheCallsLeastCost(seed);

    [Fact]
    public void ArrivalOrder_CanMakeContinuousDearerThanTheCall()
    {
        // The dear offer arrives first and fills the request: 10 kW at 90 for 1 h = 0.90 EUR; the call takes the cheap one: 0.20 EUR.
        var grid = FlexFeeders.Radial(1.0, [0, 1], [1e-4, 1e-4], [1e-4, 1e-4], [null, null], vmMin: 0.5, vmMax: 1.5);
        var market = new FlexMarket
        {
            SlotCount = 1,
            SlotHours = 1,
            Offers = [FlexFeeders.Offer("dear", 1, FlexDirection.Up, 10, 90), FlexFeeders.Offer("cheap", 2, FlexDirection.Up, 10, 20)],
            CongestionPoints = [new CongestionPoint("cp", null, [new BusId("1"), new BusId("2")])],
            Requests = [new FlexRequest("r", "cp", 0, FlexDirection.Up, 10, 10)],
        };

        Assert.Equal(0.90m, ContinuousFlexTrading.Run(market, grid).CostEur);
        Assert.Equal(0.20m, Math.Round(FlexClearing.Clear(market, grid).CostEur, 6));
    }
}
