using System.Numerics;
using Lem.Grid.ThreePhase;
using Lem.Grid.ThreePhase.PowerFlow;
using Lem.Testing;

namespace Lem.Grid.Tests.ThreePhase;

/// <summary>The worked example of FORMULATIONS §15 (docs/three-phase.md): one line, wye constant-power loads on a and b.</summary>
public sealed class WorkedExampleTests
{
    /// <summary>The §15 network: Z1 = 0.2 + 0.08j Ω, Z0 = 0.8 + 0.32j Ω, 400 V source, loads a 10 kW + 3.287 kvar, b 5 kW + 1.643 kvar.</summary>
    internal static ThreePhaseNetwork Network() => new()
    {
        Name = "section-15",
        Buses =
        [
            new ThreePhaseBus { Id = new BusId("source"), NominalVoltageKv = 0.4 },
            new ThreePhaseBus { Id = new BusId("load"), NominalVoltageKv = 0.4 },
        ],
        Lines =
        [
            new ThreePhaseLine
            {
                Id = "line",
                FromBus = new BusId("source"),
                ToBus = new BusId("load"),
                SeriesImpedanceOhm = PhaseMatrix.FromSequence(new Complex(0.8, 0.32), new Complex(0.2, 0.08)),
            },
        ],
        Sources = [new ThreePhaseSource { Id = "grid", Bus = new BusId("source") }],
        Loads =
        [
            new ThreePhaseLoad
            {
                Id = "households",
                Bus = new BusId("load"),
                PowerKw = [10.0, 5.0, 0.0],
                ReactivePowerKvar = [3.287, 1.643, 0.0],
            },
        ],
    };

    [Theory]
    [InlineData(ThreePhaseAlgorithm.Auto)]
    [InlineData(ThreePhaseAlgorithm.BackwardForwardSweep)]
    public void SweepReproducesTheWorkedExample(ThreePhaseAlgorithm algorithm)
    {
        var result = ThreePhasePowerFlow.Solve(Network(), new ThreePhasePowerFlowOptions { Algorithm = algorithm });
        Check(result);
        Assert.Equal(ThreePhaseAlgorithm.BackwardForwardSweep, result.Algorithm);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void NewtonRaphsonReproducesTheWorkedExample()
    {
        var result = ThreePhasePowerFlow.Solve(Network(), new ThreePhasePowerFlowOptions { Algorithm = ThreePhaseAlgorithm.NewtonRaphson });
        Check(result);
        Assert.Equal(ThreePhaseAlgorithm.NewtonRaphson, result.Algorithm);
    }

    /// <summary>The Z-bus fixed point (the ideal source's nodes fixed, Y_ff of the load bus factorised) gives the same numbers.</summary>
    [NativeFact(NativeLibraries.Klu)]
    public void ZBusFixedPointReproducesTheWorkedExample()
    {
        var result = ThreePhasePowerFlow.Solve(Network(), new ThreePhasePowerFlowOptions { Algorithm = ThreePhaseAlgorithm.ZBusFixedPoint });
        Check(result);
        Assert.Equal(ThreePhaseAlgorithm.ZBusFixedPoint, result.Algorithm);
    }

    private static void Check(ThreePhasePowerFlowResult result)
    {
        Assert.True(result.Converged, result.Message);
        var load = result.Buses[1].Phases;
        Assert.Equal(212.025767, load[0].MagnitudeV, 5);
        Assert.Equal(227.177075, load[1].MagnitudeV, 5);
        Assert.Equal(238.224422, load[2].MagnitudeV, 5);
        Assert.Equal(0.918099, load[0].MagnitudePu, 6);
        Assert.Equal(0.983706, load[1].MagnitudePu, 6);
        Assert.Equal(1.031542, load[2].MagnitudePu, 6);
        Assert.Equal(0.744737, load[0].AngleDegree, 5);
        Assert.Equal(-122.285606, load[1].AngleDegree, 5);
        Assert.Equal(121.293460, load[2].AngleDegree, 5);
        var line = result.Branches[0].Phases;
        Assert.Equal(49.646633, line[0].CurrentA, 5);
        Assert.Equal(23.167067, line[1].CurrentA, 5);
        Assert.Equal(0.0, line[2].CurrentA, 9);
        Assert.Equal(0.949861, result.LossesKw, 6);
        Assert.Equal(0.379944, result.LossesKvar, 6);
    }
}
