using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lem.Markets.Distributed;
using Lem.Markets.PeerToPeer;
using Lem.Optimization;

namespace Lem.Markets.Tests.Distributed;

/// <summary>
/// The closed-form P2P local step (docs/mechanisms/admm.md#local-steps: the balance multiplier found exactly on its
/// breakpoints) against the same step written as a QP and solved by HiGHS: a one-slot agent ½aP² + bP on [lo, hi]
/// (a = 0 included: a set-valued response) with K partners, preferences c_k and pair prices λ_k, from p = 0, minimises
/// ½aP² + bP + Σ_k c_k|p_k| + ρ/2 (p_k − λ_k/ρ)² with P = Σ_k p_k, a pure producer only selling and a pure consumer
/// only buying.
/// </summary>
public class TradeStepProperties
{
    public static Arbitrary<(double A, double B, double Lo, double Hi, double Rho, (double Lambda, double C)[] Partners)> Steps() =>
        (from kind in Gen.Choose(0, 2)
         from a in Gen.Elements(0.0, 0.5, 1.0, 2.5)
         from b in Gen.Choose(-400, 400)
         from cap in Gen.Choose(1, 300)
         from rho in Gen.Elements(0.3, 1.0, 4.0)
         from count in Gen.Choose(1, 8)
         from partners in Gen.ArrayOf(
             from lambda in Gen.Choose(-200, 600)
             from c in Gen.Elements(0.0, 0.0, 0.5, 3.0)
             select (lambda / 10.0, c),
             count)
         select (a, b / 10.0, kind == 0 ? 0.0 : -cap / 10.0, kind == 1 ? 0.0 : cap / 10.0, rho, partners)).ToArbitrary();

    [Property(MaxTest = 200, Arbitrary = [typeof(TradeStepProperties)])]
    public void The_closed_form_trade_step_is_the_QP_optimum((double A, double B, double Lo, double Hi, double Rho, (double Lambda, double C)[] Partners) step)
    {
        var (a, b, lo, hi, rho, partners) = step;
        var (agent, ids) = Agent(step);
        var answer = (P2pProposal)agent.Respond(new P2pSignal(1, rho, ids, new double[partners.Length], [.. partners.Select(p => p.Lambda)]));

        var expected = Reference(a, b, lo, hi, rho, partners);
        for (var k = 0; k < partners.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - answer.Trades[k]) <= 1e-4 * (1 + Math.Abs(expected[k])), $"trade {k}: {answer.Trades[k]} vs the QP's {expected[k]}");
        }
    }

    /// <summary>
    /// A second step whose pair prices moved a little (the tail of ADMM) starts its root search from the last root
    /// (docs/mechanisms/admm.md#active-set-local-steps); with the partners mirroring the first trades, the second step's
    /// targets are p¹_k + λ²_k/ρ, i.e. the QP with prices ρ·p¹_k + λ²_k.
    /// </summary>
    [Property(MaxTest = 200, Arbitrary = [typeof(TradeStepProperties)])]
    public void A_second_nearby_step_is_the_QP_optimum((double A, double B, double Lo, double Hi, double Rho, (double Lambda, double C)[] Partners) step)
    {
        var (a, b, lo, hi, rho, partners) = step;
        var (agent, ids) = Agent(step);
        var first = (P2pProposal)agent.Respond(new P2pSignal(1, rho, ids, new double[partners.Length], [.. partners.Select(p => p.Lambda)]));
        var moved = partners.Select((p, k) => p.Lambda + (k % 3 == 0 ? 0.0 : 0.05 * (k - 1.5))).ToArray();
        var second = (P2pProposal)agent.Respond(new P2pSignal(2, rho, ids, [.. first.Trades.Select(p => -p)], moved));

        var expected = Reference(a, b, lo, hi, rho, [.. partners.Select((p, k) => ((rho * first.Trades[k]) + moved[k], p.C))]);
        for (var k = 0; k < partners.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - second.Trades[k]) <= 1e-4 * (1 + Math.Abs(expected[k])), $"trade {k}: {second.Trades[k]} vs the QP's {expected[k]}");
        }
    }

    /// <summary>The step's agent and its partners' ids m0, m1, ….</summary>
    private static (LocalAgent Agent, string[] Ids) Agent((double A, double B, double Lo, double Hi, double Rho, (double Lambda, double C)[] Partners) step)
    {
        var ids = step.Partners.Select((_, k) => $"m{k}").ToArray();
        var preferences = ids.Select((id, k) => (id, step.Partners[k].C)).Where(x => x.C > 0).ToDictionary(x => x.id, x => x.C);
        return (LocalAgent.Quadratic("n", step.A, step.B, step.Lo, step.Hi, preferences), ids);
    }

    private static double[] Reference(double a, double b, double lo, double hi, double rho, (double Lambda, double C)[] partners)
    {
        var model = new OptimizationModel("trade-step");
        var net = model.AddVariable(lo, hi);
        var balance = new LinearExpression().Add(net, -1.0);
        var objective = new LinearExpression().Add(net, b);
        model.AddQuadraticObjective(net, net, 0.5 * a);
        var trades = new Variable[partners.Length];
        for (var k = 0; k < partners.Length; k++)
        {
            trades[k] = model.AddVariable(lo >= 0 ? 0.0 : double.NegativeInfinity, hi <= 0 ? 0.0 : double.PositiveInfinity);
            balance.Add(trades[k], 1.0);
            model.AddQuadraticObjective(trades[k], trades[k], 0.5 * rho);
            objective.Add(trades[k], -partners[k].Lambda);
            if (partners[k].C > 0)
            {
                var magnitude = model.AddVariable(0, double.PositiveInfinity);
                model.AddGreaterOrEqual(new LinearExpression().Add(magnitude, 1.0).Add(trades[k], -1.0), 0.0);
                model.AddGreaterOrEqual(new LinearExpression().Add(magnitude, 1.0).Add(trades[k], 1.0), 0.0);
                objective.Add(magnitude, partners[k].C);
            }
        }

        model.AddEquality(balance, 0.0);
        model.SetObjective(objective);
        var solution = Solvers.For(model).Solve(model, SolverOptions.Default with { Tolerance = 1e-9 });
        Assert.Equal(SolveStatus.Optimal, solution.Status);
        return [.. trades.Select(t => solution.Values[t.Index])];
    }
}
