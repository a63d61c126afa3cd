using Lem.Grid.Network;
using Lem.Grid.PowerFlow;
using Lem.Testing;

namespace Lem.Grid.Tests.PowerFlow;

/// <summary>The worked example of docs/power-flow.md#newton-raphson-in-polar-form: a meshed 3-bus network solved by Newton-Raphson from a flat start.</summary>
public class NewtonRaphsonThreeBusTests
{
    private static readonly BusId Bus1 = new("1");
    private static readonly BusId Bus2 = new("2");
    private static readonly BusId Bus3 = new("3");

    /// <summary>
    /// Lines 1–2: 0.02 + j0.06, 1–3: 0.08 + j0.24, 2–3: 0.06 + j0.18 p.u., no shunts; bus 1 slack 1∠0, bus 2 PV
    /// (P = 0.5, |V| = 1.02), bus 3 PQ with load 1.0 + j0.4 p.u.; base 100 MVA.
    /// </summary>
    internal static GridNetwork Network() => new()
    {
        Name = "formulations-5.2",
        BaseMva = 100,
        Buses =
        [
            new Bus { Id = Bus1, NominalKv = 110, Type = BusType.Slack },
            new Bus { Id = Bus2, NominalKv = 110, Type = BusType.Pv },
            new Bus { Id = Bus3, NominalKv = 110 },
        ],
        Lines =
        [
            new Line { Id = "1-2", FromBus = Bus1, ToBus = Bus2, RPu = 0.02, XPu = 0.06 },
            new Line { Id = "1-3", FromBus = Bus1, ToBus = Bus3, RPu = 0.08, XPu = 0.24 },
            new Line { Id = "2-3", FromBus = Bus2, ToBus = Bus3, RPu = 0.06, XPu = 0.18 },
        ],
        Generators =
        [
            new Generator { Id = "g1", Bus = Bus1, VmSetpointPu = 1.0 },
            new Generator { Id = "g2", Bus = Bus2, PMw = 50, VmSetpointPu = 1.02 },
        ],
        Loads = [new Load { Id = "l3", Bus = Bus3, PMw = 100, QMvar = 40 }],
    };

    [NativeFact(NativeLibraries.Klu)]
    public void Three_bus_example_matches_the_published_solution()
    {
        var (_, result, _) = NewtonRaphsonTestSupport.Solve(Network(), 1e-8, m => m.StartVoltages(flatStart: true));

        Assert.Equal(PowerFlowStatus.Converged, result.Status);
        Assert.Equal(4, result.Iterations);
        var b1 = result.Buses.Single(b => b.Id == Bus1);
        var b2 = result.Buses.Single(b => b.Id == Bus2);
        var b3 = result.Buses.Single(b => b.Id == Bus3);
        Approx.Equal(1.0, b1.VmPu, 1e-15, what: "|V1|");
        Approx.Equal(0.0, b1.VaDegree, 1e-15, what: "θ1");
        Approx.Equal(1.02, b2.VmPu, 1e-15, what: "|V2|");
        Approx.Equal(0.925291, b3.VmPu, 5e-7, what: "|V3|");
        Approx.Equal(-0.7266, b2.VaDegree, 5e-5, what: "θ2 (deg)");
        Approx.Equal(-5.8847, b3.VaDegree, 5e-5, what: "θ3 (deg)");
        Approx.Equal(0.549676, result.SlackPMw / 100, 5e-7, what: "P_slack");
        Approx.Equal(-0.183588, result.SlackQMvar / 100, 5e-7, what: "Q_slack");
        Approx.Equal(0.732617, b2.QInjectionMvar / 100, 5e-7, what: "Q2");
        Approx.Equal(0.5, b2.PInjectionMw / 100, 1e-9, what: "P2");
        Approx.Equal(-1.0, b3.PInjectionMw / 100, 1e-9, what: "P3");
        Approx.Equal(-0.4, b3.QInjectionMvar / 100, 1e-9, what: "Q3");
        Approx.Equal(0.049676, result.LossesMw / 100, 5e-7, what: "losses");
        Assert.True(result.MaxMismatchMw / 100 <= 1e-8);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Three_bus_mismatch_sequence_matches_the_published_one_and_decays_quadratically()
    {
        var (_, result, _) = NewtonRaphsonTestSupport.Solve(Network(), 1e-8, m => m.StartVoltages(flatStart: true));
        double[] published = [9.67e-1, 7.44e-2, 9.74e-4, 1.93e-7, 4.3e-14];

        var history = result.ConvergenceHistory;
        Assert.Equal(5, history.Count);
        for (var k = 0; k < 4; k++)
        {
            Approx.Equal(published[k], history[k], 0, 5e-3, what: $"‖F‖∞ before update {k + 1}");
        }

        // The last value is at rounding level (published 4.3e-14); check its order of magnitude only.
        Assert.InRange(history[4], 1e-15, 1e-12);

        // Quadratic convergence: once small, log(r_{k+1}) / log(r_k) is about 2.
        for (var k = 1; k < 3; k++)
        {
            var ratio = Math.Log(history[k + 1]) / Math.Log(history[k]);
            Assert.True(ratio >= 1.8, $"log ratio {ratio:F3} after update {k + 1}");
        }
    }
}
