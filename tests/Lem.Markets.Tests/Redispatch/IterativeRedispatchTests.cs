using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Markets.Redispatch;
using Xunit.Abstractions;

namespace Lem.Markets.Tests.Redispatch;

/// <summary>The iterative redispatch (docs/mechanisms/redispatch.md#iterative-redispatch) on the congested feeder of <see cref="RedispatchFeeder"/>.</summary>
public sealed class IterativeRedispatchTests(ITestOutputHelper output)
{
    private static readonly RedispatchOptions Options = new(MaxRounds: 8);

    [Fact]
    public void CongestedFeeder_Pool_EndsWithoutAcViolations_AndNearThePoolOnLinDistFlow()
    {
        var market = RedispatchFeeder.Pool();
        var pool = ClearingMechanisms.Get("pool");
        var outcome = Strategy("iterative").Apply(pool, new ClearingRequest(market) { Formulation = "copperplate" }, Options);
        var lindistflow = pool.Clear(new ClearingRequest(market) { Formulation = "lindistflow" });
        foreach (var r in outcome.History)
        {
            output.WriteLine($"round {r.Round}: {r.Violations} violations, welfare {r.WelfareEur:0.0000} EUR, max loading {r.MaxLoadingPercent:0.00} %");
        }

        output.WriteLine($"lindistflow pool: {lindistflow.WelfareEur:0.0000} EUR; warnings: {string.Join(" | ", outcome.Warnings)}");
        foreach (var (who, limit) in outcome.FinalLimits!.ByParticipant.OrderBy(kv => kv.Key.Value, StringComparer.Ordinal))
        {
            output.WriteLine($"{who}: injection ≤ [{string.Join(", ", limit.MaxInjectionKw.Select(v => v.ToString("0.00")))}] kW; cleared [{string.Join(", ", outcome.Final.Positions.Single(p => p.Participant == who).NetInjectionKw.Select(v => v.ToString("0.00")))}] kW");
        }

        // By hand: 110 and 140 kW of PV surplus over a line that carries about 69 kW: line 1–2 overloaded in slots 1 and 2.
        Assert.Equal(2, outcome.ViolationsBefore);
        Assert.Equal(0, outcome.ViolationsAfter);
        Assert.InRange(outcome.Rounds, 1, Options.MaxRounds);
        Assert.Equal(outcome.Rounds + 1, outcome.History.Count);
        Assert.Equal(0, GridCheck.ViolationCount(GridCheck.Run(market, outcome.Final)));
        Assert.True(outcome.WelfareLostEur > 0, $"welfare lost {outcome.WelfareLostEur}");
        Assert.Equal(outcome.Initial.WelfareEur - outcome.Final.WelfareEur, outcome.WelfareLostEur);

        // LinDistFlow and the AC flow are approximations of each other, not relaxations: LinDistFlow is lossless and
        // rates the line in power at |V| = 1, while the AC current at bus 2 (|V| ≈ 1.02) carries a little more power for
        // the same current; the redispatch also stops 1 % inside the rating. So the final welfare is close to, not
        // bounded by, the pool cleared with the LinDistFlow limits: within 6 % of it (4.6 % when written), and within 10 % in the welfare
        // the grid costs (both curtail the PV surplus line 1–2 cannot carry, ≈ 40 EUR/MWh × the curtailed MWh).
        var lostByLinDistFlow = (double)(outcome.Initial.WelfareEur - lindistflow.WelfareEur);
        Assert.True(lostByLinDistFlow > 0);
        Assert.InRange((double)outcome.WelfareLostEur, 0.9 * lostByLinDistFlow, 1.1 * lostByLinDistFlow);
        Assert.InRange((double)outcome.Final.WelfareEur, 0.94 * (double)lindistflow.WelfareEur, 1.06 * (double)lindistflow.WelfareEur);
    }

    [Fact]
    public void UncongestedFeeder_NoRounds_NoWelfareLost()
    {
        var market = RedispatchFeeder.Pool(maxIKa: 0.4);
        var outcome = Strategy("iterative").Apply(ClearingMechanisms.Get("pool"), new ClearingRequest(market) { Formulation = "copperplate" }, Options);

        Assert.Equal(0, outcome.ViolationsBefore);
        Assert.Equal(0, outcome.ViolationsAfter);
        Assert.Equal(0, outcome.Rounds);
        Assert.Equal(0m, outcome.WelfareLostEur);
        Assert.Same(outcome.Initial, outcome.Final);
    }

    [Fact]
    public void CongestedFeeder_CallAuction_TrimsTheSellerUntilWithinLimits()
    {
        var market = RedispatchFeeder.Auction();
        var outcome = Strategy("iterative").Apply(ClearingMechanisms.Get("uniform"), new ClearingRequest(market) { Formulation = "copperplate" }, Options);
        output.WriteLine($"rounds {outcome.Rounds}, violations {outcome.ViolationsBefore} → {outcome.ViolationsAfter}, welfare {outcome.Initial.WelfareEur} → {outcome.Final.WelfareEur}");

        // By hand: 120 kW sold at bus 2 in every slot, about 1.7 times line 1–2's rating.
        Assert.Equal(3, outcome.ViolationsBefore);
        Assert.Equal(0, outcome.ViolationsAfter);
        Assert.True(outcome.WelfareLostEur > 0);
        BidLimitAssert.Honoured(market, outcome.Final, outcome.FinalLimits!);
    }

    [Fact]
    public void Multiplier_SharesTheNeededChange_InProportionToTheSensitivities()
    {
        // Least squares by hand: a = (2, 1), need 5 → Δ = −λa with 4λ + λ = 5 → λ = 1, Δ = (−2, −1).
        var lambda = IterativeRedispatch.Multiplier([2, 1], [10, 10], 5, out var enough);
        Assert.True(enough);
        Assert.Equal(1, lambda, 9);

        // With the first capped at 1 kW of room: 2·1 + λ·1 = 5 → λ = 3.
        Assert.Equal(3, IterativeRedispatch.Multiplier([2, 1], [1, 10], 5, out _), 9);

        // Not enough room: 2·1 + 1·1 = 3 < 5.
        IterativeRedispatch.Multiplier([2, 1], [1, 1], 5, out enough);
        Assert.False(enough);
    }

    private static IRedispatch Strategy(string name)
    {
        Assert.True(RedispatchStrategies.TryGet(name, out var strategy));
        return strategy;
    }
}
