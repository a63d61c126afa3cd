using Lem.Optimization;
using Lem.Optimization.Highs;
using Lem.Optimization.InteriorPoint;

namespace Lem.Optimization.Tests;

/// <summary>
/// The active-set step of <see cref="InteriorPointQp"/> (docs/mechanisms/admm.md#active-set-local-steps) on random
/// local problems of ADMM agents (battery, EV with a departure energy, heat pump with a comfort band, import/export
/// prices): a sequence of proximal steps whose targets move less and less, as in the tail of ADMM. Every step is
/// compared with a cold interior point solve (no start held) and with HiGHS on the same QP.
/// </summary>
public sealed class ActiveSetStepProperties
{
    private const double Hours = 0.25;

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ActiveSetSteps_EqualColdInteriorPointAndHighs(int seed)
    {
        var random = new Random(seed);
        var slots = 24 + random.Next(0, 25);
        var (model, x) = Agent(random, slots);
        var qp = new InteriorPointQp(model);
        var start = new InteriorPointStart();
        var (linear, _) = InteriorPointSolver.Objective(model);
        var options = SolverOptions.Default with { Tolerance = 1e-10 };
        var rho = 0.5 + (2 * random.NextDouble());
        var target = new double[slots];
        var drift = new double[slots];
        for (var t = 0; t < slots; t++)
        {
            target[t] = 4 * (random.NextDouble() - 0.5);
            drift[t] = random.NextDouble() - 0.5;
        }

        const int Steps = 25;
        for (var step = 0; step < Steps; step++)
        {
            // Targets converge geometrically, as ADMM's do in its tail; ρ changes once (residual balancing).
            if (step == 12)
            {
                rho *= 2;
            }

            var lin = (double[])linear.Clone();
            var quad = new double[lin.Length];
            for (var t = 0; t < slots; t++)
            {
                target[t] += drift[t] * Math.Pow(0.6, step);
                quad[x[t].Index] = rho;
                lin[x[t].Index] -= rho * target[t];
            }

            var answer = qp.Solve(lin, quad, options, start);
            var cold = new InteriorPointQp(model).Solve(lin, quad, options);
            var highs = step % 12 == 0 ? Highs(model, lin, quad) : cold;
            Assert.Equal(SolveStatus.Optimal, answer.Status);
            Assert.Equal(SolveStatus.Optimal, cold.Status);
            Assert.Equal(SolveStatus.Optimal, highs.Status);
            var objectiveScale = 1 + Math.Abs(cold.Objective);
            Assert.True(Math.Abs(cold.Objective - answer.Objective) <= 1e-8 * objectiveScale, $"step {step}: objective {answer.Objective} vs cold {cold.Objective}");
            Assert.True(Math.Abs(highs.Objective - answer.Objective) <= 1e-6 * objectiveScale, $"step {step}: objective {answer.Objective} vs HiGHS {highs.Objective}");
            for (var t = 0; t < slots; t++)
            {
                Assert.True(Math.Abs(cold.Value(x[t]) - answer.Value(x[t])) <= 1e-5, $"step {step}, x[{t}]: {answer.Value(x[t])} vs cold {cold.Value(x[t])}");
                Assert.True(Math.Abs(highs.Value(x[t]) - answer.Value(x[t])) <= 1e-4, $"step {step}, x[{t}]: {answer.Value(x[t])} vs HiGHS {highs.Value(x[t])}");
            }

            AssertFeasible(model, answer.Values, 1e-7);
        }

        // The path under test was taken: after the first steps the held active set answers most solves.
        Assert.Equal(Steps, start.ActiveSetSolves + start.WarmSolves + start.ColdSolves);
        Assert.True(start.ActiveSetSolves >= Steps / 2, $"active-set solves {start.ActiveSetSolves}, warm {start.WarmSolves}, cold {start.ColdSolves}, misses {start.ActiveSetMisses}");
    }

    [Fact]
    public void WithTheActiveSetOff_EverySolveTakesNewtonSteps()
    {
        var (model, x) = Agent(new Random(3), 24);
        var qp = new InteriorPointQp(model);
        var start = new InteriorPointStart { UseActiveSet = false };
        var (linear, quad) = InteriorPointSolver.Objective(model);
        foreach (var v in x)
        {
            quad[v.Index] = 1.0;
        }

        for (var step = 0; step < 3; step++)
        {
            Assert.Equal(SolveStatus.Optimal, qp.Solve(linear, quad, SolverOptions.Default, start).Status);
        }

        Assert.Equal(0, start.ActiveSetSolves);
        Assert.Equal(3, start.WarmSolves + start.ColdSolves);
    }

    /// <summary>
    /// The same QP through HiGHS: a copy of the model with the step's objective. HiGHS's QP method stalls on a few of
    /// these degenerate problems (many variables without a quadratic term); within its time limit, Ipopt answers them.
    /// </summary>
    private static Solution Highs(OptimizationModel model, double[] linear, double[] quadratic)
    {
        var copy = new OptimizationModel(model.Name);
        foreach (var v in model.Variables)
        {
            copy.AddVariable(v.Lower, v.Upper, v.Name);
        }

        foreach (var c in model.Constraints)
        {
            copy.AddConstraint(c.Expression, c.Lower, c.Upper, c.Name);
        }

        var objective = new LinearExpression(linear.Length);
        for (var j = 0; j < linear.Length; j++)
        {
            objective.Add(new Variable(j), linear[j]);
            if (quadratic[j] > 0)
            {
                copy.AddQuadraticObjective(new Variable(j), new Variable(j), 0.5 * quadratic[j]);
            }
        }

        copy.SetObjective(objective);
        var highs = new HighsSolver().Solve(copy, SolverOptions.Default with { TimeLimitSeconds = 20 });
        return highs.Status == SolveStatus.Optimal ? highs : Solvers.ByName("ipopt").Solve(copy, SolverOptions.Default with { Tolerance = 1e-10 });
    }

    private static void AssertFeasible(OptimizationModel model, IReadOnlyList<double> values, double tolerance)
    {
        for (var j = 0; j < model.Variables.Count; j++)
        {
            var v = model.Variables[j];
            Assert.True(values[j] >= v.Lower - tolerance && values[j] <= v.Upper + tolerance, $"variable {v.Name} = {values[j]} outside [{v.Lower}, {v.Upper}]");
        }

        foreach (var c in model.Constraints)
        {
            var activity = c.Expression.Constant;
            for (var i = 0; i < c.Expression.Count; i++)
            {
                activity += c.Expression.Coefficients[i] * values[c.Expression.Indices[i]];
            }

            Assert.True(activity >= c.Lower - tolerance && activity <= c.Upper + tolerance, $"row {c.Name} = {activity} outside [{c.Lower}, {c.Upper}]");
        }
    }

    /// <summary>
    /// A random agent: load and PV, a battery (charge, discharge, state of charge, end ≥ start), sometimes an EV (away
    /// slots fixed at 0, an energy need by its departure) and a heat pump (room temperature in a band, losses to the
    /// outside), and the net injection x = export − import priced at different import and export prices.
    /// </summary>
    private static (OptimizationModel Model, Variable[] X) Agent(Random random, int slots)
    {
        var model = new OptimizationModel("random agent");
        var x = new Variable[slots];
        var objective = new LinearExpression();
        var efficiency = 0.9 + (0.08 * random.NextDouble());
        var capacity = 5 + (10 * random.NextDouble());
        var power = 2 + (3 * random.NextDouble());
        var hasEv = random.Next(2) == 0;
        var hasHeatPump = random.Next(2) == 0;
        var arrival = random.Next(0, slots / 3);
        var departure = random.Next((2 * slots) / 3, slots);
        var evNeed = (departure - arrival) * Hours * 3 * random.NextDouble();
        var evEnergy = new LinearExpression();
        Variable soc = default, temperature = default;
        for (var t = 0; t < slots; t++)
        {
            var load = 0.3 + (2 * random.NextDouble());
            var pv = Math.Max(0, 4 * Math.Sin(Math.PI * t / slots)) * random.NextDouble();
            var ch = model.AddVariable(0, power, $"ch[{t}]");
            var dis = model.AddVariable(0, power, $"dis[{t}]");
            var nextSoc = model.AddVariable(0.1 * capacity, capacity, $"soc[{t}]");
            var dynamics = new LinearExpression().Add(nextSoc, 1).Add(ch, -efficiency * Hours).Add(dis, Hours / efficiency);
            if (t > 0)
            {
                dynamics.Add(soc, -1);
            }

            model.AddEquality(dynamics, t == 0 ? 0.5 * capacity : 0, $"soc[{t}]");
            soc = nextSoc;

            // Import and export: x = export − import = pv − load − ch + dis − ev − heat pump.
            var import = model.AddVariable(0, 30, $"import[{t}]");
            var export = model.AddVariable(0, 30, $"export[{t}]");
            x[t] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"x[{t}]");
            model.AddEquality(new LinearExpression().Add(x[t], 1).Add(export, -1).Add(import, 1), 0, $"x[{t}]");
            var balance = new LinearExpression().Add(export, 1).Add(import, -1).Add(ch, 1).Add(dis, -1);
            if (hasEv)
            {
                var home = t >= arrival && t < departure;
                var ev = model.AddVariable(0, home ? 3.7 + (7.3 * random.NextDouble()) : 0, $"ev[{t}]");
                balance.Add(ev, 1);
                if (home)
                {
                    evEnergy.Add(ev, Hours);
                }
            }

            if (hasHeatPump)
            {
                var hp = model.AddVariable(0, 3, $"hp[{t}]");
                var nextTemperature = model.AddVariable(19, 23, $"temperature[{t}]");
                var outside = 5 + (5 * Math.Cos(2 * Math.PI * t / slots));
                var heat = new LinearExpression().Add(nextTemperature, 1).Add(hp, -3.5 * Hours * 0.8);
                var constant = 0.05 * outside;
                if (t > 0)
                {
                    heat.Add(temperature, -0.95);
                }
                else
                {
                    constant += 0.95 * 21;
                }

                model.AddEquality(heat, constant, $"heat[{t}]");
                balance.Add(hp, 1);
                temperature = nextTemperature;
            }

            model.AddEquality(balance, pv - load, $"balance[{t}]");
            var importPrice = 0.1 + (0.2 * random.NextDouble());
            var exportPrice = 0.05 * random.NextDouble();
            objective.Add(import, importPrice).Add(export, -exportPrice).Add(ch, 0.002).Add(dis, 0.002);
        }

        model.AddGreaterOrEqual(new LinearExpression().Add(soc, 1), 0.5 * capacity, "end state of charge");
        if (hasEv && evEnergy.Count > 0)
        {
            model.AddGreaterOrEqual(evEnergy, evNeed, "EV energy by departure");
        }

        model.SetObjective(objective);
        return (model, x);
    }
}
