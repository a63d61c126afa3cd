using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lem.Markets.Community;
using Lem.Markets.Distributed;
using Lem.Markets.Exchange;
using Lem.Markets.PeerToPeer;
using Lem.Optimization;

namespace Lem.Markets.Tests.Distributed;

/// <summary>
/// Random convex quadratic instances: the three mechanisms reach the centralised optimum. Quadratic costs cannot be
/// written as the pool's stepwise orders, so the reference is the centralised QP min Σ ½aP² + bP s.t. ΣP = 0 solved
/// by HiGHS through the optimisation layer.
/// </summary>
public class RandomQuadraticProperties
{
    private static readonly AdmmOptions Tight = new() { AbsoluteTolerance = 1e-8, RelativeTolerance = 1e-8, MaxIterations = 20000, Parallel = false };

    public static Arbitrary<(double A, double B, double Lo, double Hi)[]> Instances() =>
        (from n in Gen.Choose(2, 7)
         from agents in Gen.ArrayOf(
             from producer in Gen.Elements(true, false)
             from a in Gen.Choose(50, 300)
             from b in Gen.Choose(500, 4000)
             from cap in Gen.Choose(100, 2500)
             select producer ? (a / 100.0, b / 100.0, 0.0, cap / 100.0) : (a / 100.0, -b / 100.0 - 10, -cap / 100.0, 0.0),
             n + 2)
         select agents).ToArbitrary();

    private static IReadOnlyList<IAgent> Agents((double A, double B, double Lo, double Hi)[] data) =>
        [.. data.Select((d, i) => LocalAgent.Quadratic($"a{i}", d.A, d.B, d.Lo, d.Hi))];

    private static double Centralised((double A, double B, double Lo, double Hi)[] data)
    {
        var model = new OptimizationModel("centralised");
        var balance = new LinearExpression();
        var objective = new LinearExpression();
        foreach (var d in data)
        {
            var p = model.AddVariable(d.Lo, d.Hi);
            model.AddQuadraticObjective(p, p, 0.5 * d.A);
            objective.Add(p, d.B);
            balance.Add(p, 1.0);
        }

        model.AddEquality(balance, 0.0);
        model.SetObjective(objective);
        var s = Solvers.For(model).Solve(model);
        Assert.Equal(SolveStatus.Optimal, s.Status);
        return s.Objective;
    }

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(1.0, Math.Abs(expected)), $"cost {actual} vs centralised {expected}");

    [Property(MaxTest = 40, Arbitrary = [typeof(RandomQuadraticProperties)])]
    public void Exchange_reaches_the_centralised_optimum((double A, double B, double Lo, double Hi)[] data)
    {
        var r = ExchangeAdmm.Run(Agents(data), 1, Tight);
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Close(Centralised(data), r.TotalCostEur!.Value);
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(RandomQuadraticProperties)])]
    public void Community_without_outside_trade_reaches_the_centralised_optimum((double A, double B, double Lo, double Hi)[] data)
    {
        var r = CommunityManager.Run(Agents(data), new CommunityOutside([1e4], [-1e4], 0.0, 0.0), 1, Tight);
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Close(Centralised(data), r.TotalCostEur!.Value);
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(RandomQuadraticProperties)])]
    public void P2p_without_preferences_reaches_the_centralised_optimum_with_reciprocal_trades((double A, double B, double Lo, double Hi)[] data)
    {
        var r = PeerToPeerAdmm.Run(Agents(data), CommunicationGraph.Complete(data.Length), 1, Tight);
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Close(Centralised(data), r.TotalCostEur!.Value);
        Assert.True(r.ReciprocityError < 1e-5, $"reciprocity {r.ReciprocityError}");
        for (var n = 0; n < data.Length; n++)
        {
            for (var m = 0; m < data.Length; m++)
            {
                if (n != m)
                {
                    Assert.Equal(-r.TradeOf(n, m)[0], r.TradeOf(m, n)[0], 12);
                }
            }
        }
    }
}
