using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Markets.Redispatch;
using Lem.Pipeline;
using Xunit.Abstractions;

namespace Lem.Markets.Tests.Redispatch;

/// <summary>Dynamic bid limits (docs/mechanisms/redispatch.md#dynamic-bid-limits) and <c>none</c> on the feeder of <see cref="RedispatchFeeder"/>.</summary>
public sealed class BidLimitsRedispatchTests(ITestOutputHelper output)
{
    [Fact]
    public void CongestedFeeder_Pool_CapsAreRespected_AndRemoveTheViolations()
    {
        var market = RedispatchFeeder.Pool();
        var outcome = Strategy("bid-limits").Apply(ClearingMechanisms.Get("pool"), new ClearingRequest(market) { Formulation = "copperplate" }, RedispatchOptions.Default);
        var limits = outcome.FinalLimits!;
        foreach (var (who, limit) in limits.ByParticipant.OrderBy(kv => kv.Key.Value, StringComparer.Ordinal))
        {
            output.WriteLine($"{who}: injection ≤ [{string.Join(", ", limit.MaxInjectionKw.Select(v => v.ToString("0.00")))}] kW, withdrawal ≤ [{string.Join(", ", limit.MaxWithdrawalKw.Select(v => v.ToString("0.00")))}] kW");
        }

        output.WriteLine($"violations {outcome.ViolationsBefore} → {outcome.ViolationsAfter}; welfare {outcome.Initial.WelfareEur:0.0000} → {outcome.Final.WelfareEur:0.0000} EUR");
        Assert.Equal(2, outcome.ViolationsBefore);
        Assert.Equal(0, outcome.ViolationsAfter);
        BidLimitAssert.Honoured(market, outcome.Final, limits);

        // The PV at bus 2 is the one that can overload line 1–2: it must be capped below the ≈ 69 kW the line carries
        // plus the 10 kW load beside it, in the congested slots.
        Assert.True(limits.MaxInjectionKw(new ParticipantId("pv2"), 2) < 80, $"{limits.MaxInjectionKw(new ParticipantId("pv2"), 2)}");
        Assert.True(outcome.WelfareLostEur >= 0);
    }

    [Fact]
    public void CongestedFeeder_CallAuction_CapsAreRespected_AndRemoveTheViolations()
    {
        var market = RedispatchFeeder.Auction();
        var outcome = Strategy("bid-limits").Apply(ClearingMechanisms.Get("uniform"), new ClearingRequest(market) { Formulation = "copperplate" }, RedispatchOptions.Default);

        Assert.Equal(3, outcome.ViolationsBefore);
        Assert.Equal(0, outcome.ViolationsAfter);
        BidLimitAssert.Honoured(market, outcome.Final, outcome.FinalLimits!);
    }

    [Fact]
    public void None_ReportsTheViolationsOfTheAcCheck()
    {
        var market = RedispatchFeeder.Pool();
        var pool = ClearingMechanisms.Get("pool");
        var outcome = Strategy("none").Apply(pool, new ClearingRequest(market) { Formulation = "copperplate" }, RedispatchOptions.Default);

        // The pipeline's AC check of an independent clearing of the same request.
        var check = ClearingPipeline.GridCheck(market, pool.Clear(new ClearingRequest(market) { Formulation = "copperplate" }))!;
        var overloads = check.Violations.Where(v => v.Kind == Lem.Grid.PowerFlow.ViolationKind.ThermalOverload).Select(v => (v.Slot, v.ElementId)).Order().ToList();
        Assert.Equal([(1, "L12"), (2, "L12")], overloads);
        Assert.Equal(check.Violations.Count, outcome.ViolationsBefore);
        Assert.Equal(outcome.ViolationsBefore, outcome.ViolationsAfter);
        Assert.Equal(0, outcome.Rounds);
        Assert.Equal(0m, outcome.WelfareLostEur);
    }

    [Fact]
    public void UncongestedFeeder_BidLimits_LoseNoWelfare()
    {
        var market = RedispatchFeeder.Pool(maxIKa: 0.4);
        var outcome = Strategy("bid-limits").Apply(ClearingMechanisms.Get("pool"), new ClearingRequest(market) { Formulation = "copperplate" }, RedispatchOptions.Default);

        Assert.Equal(0, outcome.ViolationsBefore);
        Assert.Equal(0, outcome.ViolationsAfter);
        Assert.Equal(0m, Math.Round(outcome.WelfareLostEur, 6));
    }

    private static IRedispatch Strategy(string name)
    {
        Assert.True(RedispatchStrategies.TryGet(name, out var strategy));
        return strategy;
    }
}
