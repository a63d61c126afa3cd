using System.Diagnostics;
using Lem.Optimization;
using Lem.Optimization.Glop;
using Lem.Optimization.Highs;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Optimization.Tests;

/// <summary>Large sparse LPs: correctness against GLOP, analytic optima and optimality certificates, with timings.</summary>
[Trait("Category", "Heavy")]
public sealed class HighsLargeLpTests(ITestOutputHelper output)
{
    [Fact]
    public void Transport200kVariables_HighsAndGlopAgreeAndTheCertificateHolds()
    {
        var clock = Stopwatch.StartNew();
        var model = Transport(sources: 2000, sinks: 2000, arcsPerSource: 100);
        var build = clock.Elapsed.TotalSeconds;
        Assert.Equal(202_000, model.Variables.Count);

        var highs = new HighsSolver().Solve(model);
        var glop = new GlopSolver().Solve(model);
        output.WriteLine($"transport {model.Variables.Count} × {model.Constraints.Count}: model {build:F2} s, HiGHS {highs.Seconds:F2} s ({highs.Iterations} it), GLOP {glop.Seconds:F2} s ({glop.Iterations} it)");

        Assert.Equal(SolveStatus.Optimal, highs.Status);
        Assert.Equal(SolveStatus.Optimal, glop.Status);
        Approx.Equal(glop.Objective, highs.Objective, 1e-6, 1e-9, what: "HiGHS vs GLOP objective");
        DualConventionCertificate.Assert(model, highs);
        DualConventionCertificate.Assert(model, glop);
    }

    [Fact]
    public void SmallTransport_HighsAndGlopAgreeOnObjectiveAndEveryBalanceDual()
    {
        var model = Transport(sources: 200, sinks: 200, arcsPerSource: 100);

        var highs = new HighsSolver().Solve(model);
        var glop = new GlopSolver().Solve(model);

        Approx.Equal(glop.Objective, highs.Objective, 1e-7, 1e-10, what: "objective");
        var worst = highs.Duals.Zip(glop.Duals).Max(p => Math.Abs(p.First - p.Second));
        Approx.Equal(0, worst, 1e-7, what: "largest difference between HiGHS and GLOP duals");
        DualConventionCertificate.Assert(model, highs);
        DualConventionCertificate.Assert(model, glop);
    }

    [Theory]
    [InlineData("highs")]
    [InlineData("glop")]
    public void Separable500kRowsAndVariables_MatchTheAnalyticOptimumAndDualsOfEveryBlock(string solverName)
    {
        const int blocks = 250_000;
        var clock = Stopwatch.StartNew();
        var model = new OptimizationModel("separable");
        var objective = new LinearExpression(2 * blocks);
        var balance = new Constraint[blocks];
        var limit = new Constraint[blocks];
        var xs = new Variable[blocks];
        for (var i = 0; i < blocks; i++)
        {
            var (cx, cy, capX, d, e) = Block(i);
            var x = xs[i] = model.AddVariable(0, capX);
            var y = model.AddVariable(0, 100);
            objective.Add(x, cx).Add(y, cy);
            balance[i] = model.AddEquality(x + y, d);
            limit[i] = model.AddLessOrEqual(new LinearExpression().Add(x, 1).Add(y, -0.5), e);
        }

        model.SetObjective(objective);
        var build = clock.Elapsed.TotalSeconds;

        var solution = DualConventionTests.Create(solverName).Solve(model);
        output.WriteLine($"separable {model.Variables.Count} × {model.Constraints.Count} ({solverName}): model {build:F2} s, solve {solution.Seconds:F2} s");

        // Per block, x (cheaper) is pushed to min(capX, (e + d/2)/1.5); capX is never a multiple of 1/3, so no ties.
        Assert.Equal(SolveStatus.Optimal, solution.Status);
        var expected = 0.0;
        var worst = new double[4];
        var worstBlock = new int[4];
        for (var i = 0; i < blocks; i++)
        {
            var (cx, cy, capX, d, e) = Block(i);
            var byLimit = (e + 0.5 * d) / 1.5;
            var x = Math.Min(capX, byLimit);
            expected += cx * x + cy * (d - x);
            var mu = byLimit < capX ? (cx - cy) / 1.5 : 0;
            var lambda = cy + 0.5 * mu;
            var reducedCost = byLimit < capX ? 0 : cx - cy;
            double[] error =
            [
                Math.Abs(x - solution.Value(xs[i])),
                Math.Abs(lambda - solution.Dual(balance[i])),
                Math.Abs(mu - solution.Dual(limit[i])),
                Math.Abs(reducedCost - solution.ReducedCosts[xs[i].Index]),
            ];
            for (var k = 0; k < 4; k++)
            {
                if (error[k] > worst[k])
                {
                    worst[k] = error[k];
                    worstBlock[k] = i;
                }
            }
        }

        string[] what = ["x", "balance dual", "limit dual", "reduced cost of x"];
        for (var k = 0; k < 4; k++)
        {
            Approx.Equal(0, worst[k], 1e-7, what: $"largest error of {what[k]} (block {worstBlock[k]})");
        }

        Approx.Equal(expected, solution.Objective, 1e-6, 1e-10, what: "objective");
    }

    [Fact]
    public void StorageChain520kVariables_SolvesWithACertificate_AndAgreesWithGlopOnASmallerHorizon()
    {
        var clock = Stopwatch.StartNew();
        var model = Storage(periods: 40_000);
        var build = clock.Elapsed.TotalSeconds;

        var highs = new HighsSolver().Solve(model);
        output.WriteLine($"storage chain {model.Variables.Count} × {model.Constraints.Count}: model {build:F2} s, HiGHS {highs.Seconds:F2} s ({highs.Iterations} it)");
        DualConventionCertificate.Assert(model, highs);

        var small = Storage(periods: 2000);
        var smallHighs = new HighsSolver().Solve(small);
        var smallGlop = new GlopSolver().Solve(small);
        output.WriteLine($"storage chain {small.Variables.Count} × {small.Constraints.Count}: HiGHS {smallHighs.Seconds:F2} s, GLOP {smallGlop.Seconds:F2} s");
        Approx.Equal(smallGlop.Objective, smallHighs.Objective, 1e-6, 1e-10, what: "HiGHS vs GLOP objective");
        DualConventionCertificate.Assert(small, smallHighs);
        DualConventionCertificate.Assert(small, smallGlop);
    }

    [Theory]
    [InlineData("highs")]
    [InlineData("glop")]
    public void TimeLimit_EndsTheSolveWithLimitReached(string solverName)
    {
        var model = Storage(periods: 20_000);

        var solution = DualConventionTests.Create(solverName).Solve(model, new SolverOptions { TimeLimitSeconds = 0.02 });

        Assert.Equal(SolveStatus.LimitReached, solution.Status);
        Assert.False(solution.HasValues);
        Assert.Contains("limit", solution.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static (double Cx, double Cy, double CapX, double D, double E) Block(int i) =>
        (1 + (i % 5), 10 + (i % 3), 10.25 + (i % 7), 20 + (i % 11), 3 + (i % 4));

    /// <summary>Sources with capacities ship to sinks with fixed demands over sparse arcs; unserved demand costs 1000.</summary>
    internal static OptimizationModel Transport(int sources, int sinks, int arcsPerSource)
    {
        var random = new SplitMix(12345);
        var model = new OptimizationModel("transport");
        var demand = new double[sinks];
        var total = 0.0;
        for (var k = 0; k < sinks; k++)
        {
            demand[k] = 50 + (100 * random.Next());
            total += demand[k];
        }

        var inflow = new LinearExpression[sinks];
        for (var k = 0; k < sinks; k++)
        {
            inflow[k] = new LinearExpression((sources * arcsPerSource / sinks) + 2);
        }

        var objective = new LinearExpression((sources * arcsPerSource) + sinks);
        for (var s = 0; s < sources; s++)
        {
            var outflow = new LinearExpression(arcsPerSource);
            for (var a = 0; a < arcsPerSource; a++)
            {
                var k = (int)(((s * (long)arcsPerSource) + (a * 7919L)) % sinks);
                var x = model.AddVariable();
                objective.Add(x, 1 + (20 * random.Next()));
                outflow.Add(x, 1);
                inflow[k].Add(x, 1);
            }

            model.AddLessOrEqual(outflow, 1.2 * total / sources, $"supply {s}");
        }

        for (var k = 0; k < sinks; k++)
        {
            var shed = model.AddVariable(0, demand[k], $"unserved {k}");
            objective.Add(shed, 1000);
            inflow[k].Add(shed, 1);
            model.AddEquality(inflow[k], demand[k], $"demand {k}");
        }

        model.SetObjective(objective);
        return model;
    }

    /// <summary>Ten generators and one storage unit per period, coupled through the state of charge.</summary>
    internal static OptimizationModel Storage(int periods)
    {
        var random = new SplitMix(7);
        var model = new OptimizationModel("storage chain");
        var objective = new LinearExpression();
        Variable? previous = null;
        for (var t = 0; t < periods; t++)
        {
            var balance = new LinearExpression(12);
            for (var u = 0; u < 10; u++)
            {
                var p = model.AddVariable(0, 20 + (10 * random.Next()));
                objective.Add(p, 10 + (30 * random.Next()));
                balance.Add(p, 1);
            }

            var charge = model.AddVariable(0, 30);
            var discharge = model.AddVariable(0, 30);
            var soc = model.AddVariable(0, 200);
            balance.Add(charge, -1).Add(discharge, 1);
            model.AddEquality(balance, 150 + (80 * Math.Sin(t * 2 * Math.PI / 24)));
            var dynamics = new LinearExpression().Add(soc, 1).Add(charge, -0.95).Add(discharge, 1 / 0.95);
            if (previous is { } p0)
            {
                dynamics.Add(p0, -1);
            }

            model.AddEquality(dynamics, previous is null ? 100 : 0);
            previous = soc;
        }

        model.SetObjective(objective);
        return model;
    }

    /// <summary>A small deterministic generator (SplitMix64) so that the instances are the same on every machine.</summary>
    private sealed class SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public double Next()
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
