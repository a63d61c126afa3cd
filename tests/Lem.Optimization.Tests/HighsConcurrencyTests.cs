using Lem.Optimization;
using Lem.Optimization.Glop;
using Lem.Optimization.Highs;

namespace Lem.Optimization.Tests;

/// <summary>Concurrent solves: each solve owns its native solver object, so parallel results equal serial ones.</summary>
public sealed class HighsConcurrencyTests
{
    [Fact]
    public void ParallelSolvesOfLpsQpsAndMips_GiveTheSerialResults()
    {
        var models = Enumerable.Range(0, 24).Select(Build).ToArray();
        var solvers = models.Select((m, i) => (ISolver)(i % 4 == 3 && !m.HasIntegers && !m.HasQuadraticObjective ? new GlopSolver() : new HighsSolver())).ToArray();
        var serial = models.Select((m, i) => solvers[i].Solve(m)).ToArray();

        var parallel = new Solution[models.Length];
        Parallel.For(0, models.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = solvers[i].Solve(models[i]));

        for (var i = 0; i < models.Length; i++)
        {
            Assert.Equal(SolveStatus.Optimal, serial[i].Status);
            Assert.Equal(serial[i].Status, parallel[i].Status);
            Assert.Equal(serial[i].Objective, parallel[i].Objective, 9);
            Assert.Equal(serial[i].Values.Count, parallel[i].Values.Count);
            for (var j = 0; j < serial[i].Values.Count; j++)
            {
                Assert.Equal(serial[i].Values[j], parallel[i].Values[j], 7);
            }

            for (var j = 0; j < serial[i].Duals.Count; j++)
            {
                Assert.Equal(serial[i].Duals[j], parallel[i].Duals[j], 7);
            }
        }
    }

    /// <summary>Model i: a transport LP (i mod 3 = 0), a quadratic dispatch (1) or a unit-commitment MIP (2).</summary>
    private static OptimizationModel Build(int i)
    {
        switch (i % 3)
        {
            case 0:
                return HighsLargeLpTests.Transport(sources: 40 + i, sinks: 30, arcsPerSource: 10);
            case 1:
            {
                var model = new OptimizationModel($"qp {i}");
                var sum = new LinearExpression();
                var objective = new LinearExpression();
                for (var k = 0; k < 20; k++)
                {
                    var x = model.AddVariable(0, 15 + k % 4);
                    model.AddQuadraticObjective(x, x, 0.1 + 0.05 * ((k + i) % 7));
                    objective.Add(x, 10 + (k * i) % 13);
                    sum.Add(x, 1);
                }

                model.SetObjective(objective);
                model.AddEquality(sum, 100 + i);
                return model;
            }

            default:
            {
                var model = new OptimizationModel($"mip {i}");
                var supply = new LinearExpression();
                var objective = new LinearExpression();
                for (var u = 0; u < 12; u++)
                {
                    var on = model.AddBinary();
                    var p = model.AddVariable(0, 30 + 5 * (u % 3));
                    objective.Add(on, 20 + 7 * ((u + i) % 5)).Add(p, 10 + (u * 3 + i) % 17);
                    supply.Add(p, 1);
                    model.AddLessOrEqual(new LinearExpression().Add(p, 1).Add(on, -(30 + 5 * (u % 3))), 0);
                    model.AddGreaterOrEqual(new LinearExpression().Add(p, 1).Add(on, -10), 0);
                }

                model.SetObjective(objective);
                model.AddEquality(supply, 150 + i);
                return model;
            }
        }
    }
}
