using System.Globalization;
using System.Numerics;
using Lem.Grid.Network;
using Lem.Grid.PowerFlow;
using Lem.Grid.ThreePhase;
using Lem.Grid.ThreePhase.PowerFlow;
using Lem.Testing;

namespace Lem.Grid.Tests.ThreePhase;

/// <summary>
/// Property: a balanced three-phase network (transposed lines, balanced loads, ideal source) gives the single-phase
/// AC power flow's result on every phase — |V| in pu equal, phase b and c angles shifted by −120° and +120°. Random
/// radial and meshed feeders from a seeded generator; the single-phase solver is src/Lem.Grid/PowerFlow.
/// </summary>
public sealed class BalancedEqualsSinglePhaseTests
{
    [NativeTheory(NativeLibraries.Klu)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void EveryPhaseEqualsTheSinglePhaseResult(int seed, bool meshed)
    {
        var (single, three) = RandomFeeder(seed, meshed);
        var reference = AcPowerFlow.Run(single, new PowerFlowOptions { TolerancePu = 1e-12 });
        Assert.True(reference.Converged);
        foreach (var algorithm in meshed ? [ThreePhaseAlgorithm.Auto] : new[] { ThreePhaseAlgorithm.BackwardForwardSweep, ThreePhaseAlgorithm.NewtonRaphson })
        {
            var result = ThreePhasePowerFlow.Solve(three, new ThreePhasePowerFlowOptions { Algorithm = algorithm, TolerancePu = 1e-12 });
            Assert.True(result.Converged, result.Message);
            for (var b = 0; b < single.Buses.Count; b++)
            {
                var expected = reference.Buses.Single(r => r.Id == single.Buses[b].Id);
                var actual = result.Buses.Single(r => r.Id == single.Buses[b].Id);
                for (var p = 0; p < 3; p++)
                {
                    Assert.Equal(expected.VmPu, actual.Phases[p].MagnitudePu, 8);
                    var shifted = Math.IEEERemainder(actual.Phases[p].AngleDegree + (120.0 * p) - expected.VaDegree, 360.0);
                    Assert.Equal(0.0, shifted, 6);
                }

                Assert.True(actual.VoltageUnbalancePercent < 1e-8);
            }

            Assert.Equal(reference.LossesMw * 1000.0, result.LossesKw, 6);
        }
    }

    [NativeFact(NativeLibraries.Klu)]
    public void PreparedSolverGivesTheSameResultAsAFreshSolveForEachStep()
    {
        var (_, network) = RandomFeeder(11, meshed: true);
        using var prepared = ThreePhasePowerFlow.Prepare(network, new ThreePhasePowerFlowOptions { TolerancePu = 1e-12 });
        var random = new Random(7);
        for (var step = 0; step < 5; step++)
        {
            var loads = network.Loads.Select(l => l with
            {
                PowerKw = [.. l.PowerKw.Select(v => v * (0.5 + random.NextDouble()))],
                ReactivePowerKvar = [.. l.ReactivePowerKvar.Select(v => v * (0.5 + random.NextDouble()))],
            }).ToList();
            var fromPrepared = prepared.Solve(loads, []);
            var fresh = ThreePhasePowerFlow.Solve(network with { Loads = loads }, new ThreePhasePowerFlowOptions { TolerancePu = 1e-12 });
            Assert.True(fromPrepared.Converged && fresh.Converged);
            for (var b = 0; b < fresh.Buses.Count; b++)
            {
                for (var p = 0; p < 3; p++)
                {
                    Assert.Equal(fresh.Buses[b].Phases[p].MagnitudeV, fromPrepared.Buses[b].Phases[p].MagnitudeV, 7);
                }
            }
        }

        Assert.Equal(1, prepared.FullFactorizations);
    }

    private static (GridNetwork Single, ThreePhaseNetwork Three) RandomFeeder(int seed, bool meshed)
    {
        var random = new Random(seed);
        const double kv = 0.4;
        const double baseMva = 1.0;
        var zBase = kv * kv / baseMva;
        var count = 4 + random.Next(12);
        string Name(int i) => i.ToString(CultureInfo.InvariantCulture);
        var buses = Enumerable.Range(0, count).Select(i => new Bus { Id = new BusId(Name(i)), NominalKv = kv, Type = i == 0 ? BusType.Slack : BusType.Pq }).ToList();
        var lines = new List<Line>();
        for (var i = 1; i < count; i++)
        {
            lines.Add(new Line { Id = $"l{i}", FromBus = new BusId(Name(random.Next(i))), ToBus = new BusId(Name(i)), RPu = 0.005 + (0.02 * random.NextDouble()), XPu = 0.002 + (0.01 * random.NextDouble()) });
        }

        if (meshed)
        {
            lines.Add(new Line { Id = "mesh", FromBus = new BusId(Name(count - 1)), ToBus = new BusId(Name(1)), RPu = 0.02, XPu = 0.01 });
        }

        var loads = Enumerable.Range(1, count - 1).Select(i => new Load { Id = $"d{i}", Bus = new BusId(Name(i)), PMw = 0.01 + (0.03 * random.NextDouble()), QMvar = 0.01 * random.NextDouble() }).ToList();
        var single = new GridNetwork { Name = $"random{seed}", BaseMva = baseMva, Buses = buses, Lines = lines, Loads = loads };
        var three = new ThreePhaseNetwork
        {
            Name = single.Name,
            Buses = [.. buses.Select(b => new ThreePhaseBus { Id = b.Id, NominalVoltageKv = kv })],
            Lines = [.. lines.Select(l => new ThreePhaseLine
            {
                Id = l.Id,
                FromBus = l.FromBus,
                ToBus = l.ToBus,
                SeriesImpedanceOhm = PhaseMatrix.FromSequence(3.0 * new Complex(l.RPu, l.XPu) * zBase, new Complex(l.RPu, l.XPu) * zBase),
            })],
            Sources = [new ThreePhaseSource { Id = "grid", Bus = new BusId("0") }],
            Loads = [.. loads.Select(d => new ThreePhaseLoad
            {
                Id = d.Id,
                Bus = d.Bus,
                PowerKw = [.. Enumerable.Repeat(d.PMw * 1000.0 / 3.0, 3)],
                ReactivePowerKvar = [.. Enumerable.Repeat(d.QMvar * 1000.0 / 3.0, 3)],
            })],
        };
        return (single, three);
    }
}
