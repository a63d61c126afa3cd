using FsCheck.Xunit;
using Lem.Grid.Network;
using Lem.Markets.Flexibility.Clearing;
using Lem.Markets.Flexibility.Domain;
using Lem.Optimization;

namespace Lem.Markets.Tests.Flexibility;

/// <summary>
/// The clearing's selection against an independent LP of the same linearised problem on random radial feeders: the
/// LinDistFlow branch flow model written with flow and voltage variables (docs/formulations.md#lindistflow) rather than
/// the sensitivities and cutting planes the clearing uses.
/// </summary>
public sealed class FlexLinearProblemPropertyTests
{
    private const double Penalty = 1e6;

    [Property(MaxTest = 40)]
    public void SelectionCost_EqualsTheBranchFlowLp_OnRandomRadialFeeders(int seed)
    {
        var random = new Random(seed);
        var (grid, market, parent, r) = RandomCase(random);

        var result = FlexClearing.Clear(market, grid, new FlexClearingOptions { MaxRounds = 1 });
        var (lpCost, lpShortfall) = BranchFlowLp(grid, market, parent, r);

        if (lpShortfall > 1e-7)
        {
            Assert.Equal(FlexClearingStatus.InsufficientFlexibility, result.Status);
            return;
        }

        Assert.NotEqual(FlexClearingStatus.InsufficientFlexibility, result.Status);
        var cost = (double)result.CostEur;
        Assert.True(Math.Abs(cost - lpCost) <= 1e-6 * Math.Max(1, lpCost), $"seed {seed}: clearing {cost} EUR, branch-flow LP {lpCost} EUR");
        foreach (var order in result.Orders)
        {
            Assert.InRange(order.ActivationFactor, 0, 1 + 1e-9);
        }
    }

    [Fact]
    public void RandomCases_IncludeCongestedFeedersThatFlexibilityRelieves_AndOnesItCannot()
    {
        int relieved = 0, insufficient = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            var (grid, market, parent, r) = RandomCase(new Random(seed));
            var (cost, shortfall) = BranchFlowLp(grid, market, parent, r);
            relieved += shortfall <= 1e-7 && cost > 0 ? 1 : 0;
            insufficient += shortfall > 1e-7 ? 1 : 0;
        }

        Assert.True(relieved >= 8, $"only {relieved} (and {insufficient} short) of 40 random feeders needed and got flexibility");
        Assert.True(insufficient >= 2, $"only {insufficient} of 40 random feeders lacked flexibility");
    }

    private static (GridNetwork Grid, FlexMarket Market, int[] Parent, double[] R) RandomCase(Random random)
    {
        var n = random.Next(2, 8);
        var parent = Enumerable.Range(0, n).Select(k => random.Next(0, k + 1)).ToArray();
        var r = Enumerable.Range(0, n).Select(_ => 0.002 + (0.02 * random.NextDouble())).ToArray();
        var rating = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.6 ? 0.05 + (0.25 * random.NextDouble()) : (double?)null).ToArray();
        var grid = FlexFeeders.Radial(1.0, parent, r, [.. r.Select(v => v / 2)], rating, vmMin: 0.95, vmMax: 1.05);
        var prognoses = Enumerable.Range(1, n).Select(b => FlexFeeders.Prognosis(b, random.NextDouble() < 0.2 ? 60 * random.NextDouble() : -120 * random.NextDouble())).ToList();
        var offers = new List<FlexOffer>();
        for (var b = 0; b <= n; b++)
        {
            var count = random.Next(0, 4);
            for (var i = 0; i < count; i++)
            {
                var direction = random.NextDouble() < 0.75 ? FlexDirection.Up : FlexDirection.Down;
                offers.Add(FlexFeeders.Offer($"o{b}-{i}", b, direction, 5 + (75 * random.NextDouble()), 10 + (90 * random.NextDouble())));
            }
        }

        return (grid, new FlexMarket { SlotCount = 1, SlotHours = 1, Prognoses = prognoses, Offers = offers }, parent, r);
    }

    /// <summary>min Σ c·a s.t. flow conservation, v_c = v_p − 2 r P, |P| ≤ S̄, V band; slacks at the clearing's penalty.</summary>
    private static (double Cost, double Shortfall) BranchFlowLp(GridNetwork grid, FlexMarket market, int[] parent, double[] r)
    {
        var n = parent.Length;
        var model = new OptimizationModel("branch-flow");
        var objective = new LinearExpression();
        var a = market.Offers.Select(o => model.AddVariable(0, 1)).ToArray();
        for (var j = 0; j < a.Length; j++)
        {
            objective.Add(a[j], market.Offers[j].PriceEurPerMwh * market.Offers[j].PowerKw / 1000);
        }

        var flow = Enumerable.Range(0, n).Select(_ => model.AddVariable(double.NegativeInfinity, double.PositiveInfinity)).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => model.AddVariable(double.NegativeInfinity, double.PositiveInfinity)).ToArray();
        var slacks = new List<Variable>();
        Variable Slack()
        {
            var s = model.AddVariable();
            objective.Add(s, Penalty);
            slacks.Add(s);
            return s;
        }

        for (var k = 0; k < n; k++)
        {
            var bus = k + 1;
            // Flow into bus (line k) − flows out = −(net injection at the bus).
            var balance = new LinearExpression().Add(flow[k], 1);
            for (var c = 0; c < n; c++)
            {
                if (parent[c] == bus)
                {
                    balance.Add(flow[c], -1);
                }
            }

            for (var j = 0; j < a.Length; j++)
            {
                var o = market.Offers[j];
                if (o.Bus.Value == bus.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    balance.Add(a[j], (o.Direction == FlexDirection.Up ? 1 : -1) * o.PowerKw / 1000);
                }
            }

            model.AddEquality(balance, -market.Prognoses[k].PowerKw[0] / 1000);

            var drop = new LinearExpression().Add(v[k], 1).Add(flow[k], 2 * r[k]);
            if (parent[k] == 0)
            {
                model.AddEquality(drop, 1.0);
            }
            else
            {
                model.AddEquality(drop.Add(v[parent[k] - 1], -1), 0);
            }

            if (grid.Lines[k].RatingMva is { } rating)
            {
                model.AddLessOrEqual(new LinearExpression().Add(flow[k], 1).Add(Slack(), -1), rating);
                model.AddGreaterOrEqual(new LinearExpression().Add(flow[k], 1).Add(Slack(), 1), -rating);
            }

            model.AddConstraint(new LinearExpression().Add(v[k], 1).Add(Slack(), -1).Add(Slack(), 1), 0.95 * 0.95, 1.05 * 1.05);
        }

        model.SetObjective(objective);
        var solution = Solvers.ByName("highs").Solve(model);
        Assert.True(solution.HasValues, solution.Message);
        var shortfall = slacks.Sum(s => solution.Value(s));
        return (solution.Objective - (Penalty * shortfall), shortfall);
    }
}
