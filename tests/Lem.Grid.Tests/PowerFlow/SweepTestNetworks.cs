using System.Numerics;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Grid.PowerFlow;

namespace Lem.Grid.Tests.PowerFlow;

/// <summary>Small networks and helpers for the sweep and time-series tests.</summary>
internal static class SweepTestNetworks
{
    /// <summary>The feeder 0–1–2 of docs/power-flow.md#backward-forward-sweep-for-radial-networks without DER: base 1 MVA, loads 0.8 + j0.3 and 1.2 + j0.4.</summary>
    public static GridNetwork Feeder3(double loadFactor = 1.0) => new()
    {
        Name = "feeder3",
        BaseMva = 1.0,
        Buses =
        [
            new Bus { Id = new BusId("0"), NominalKv = 1.0, Type = BusType.Slack },
            new Bus { Id = new BusId("1"), NominalKv = 1.0 },
            new Bus { Id = new BusId("2"), NominalKv = 1.0 },
        ],
        Lines =
        [
            new Line { Id = "01", FromBus = new BusId("0"), ToBus = new BusId("1"), RPu = 0.01, XPu = 0.02 },
            new Line { Id = "12", FromBus = new BusId("1"), ToBus = new BusId("2"), RPu = 0.02, XPu = 0.04 },
        ],
        Loads =
        [
            new Load { Id = "1", Bus = new BusId("1"), PMw = 0.8 * loadFactor, QMvar = 0.3 * loadFactor },
            new Load { Id = "2", Bus = new BusId("2"), PMw = 1.2 * loadFactor, QMvar = 0.4 * loadFactor },
        ],
    };

    /// <summary>Makes the given buses PV buses with a generator each.</summary>
    public static GridNetwork WithPvBuses(GridNetwork network, params (string Bus, double PMw, double VmSetpointPu)[] pv)
    {
        var buses = network.Buses.Select(b => pv.Any(p => p.Bus == b.Id.Value) ? b with { Type = BusType.Pv } : b).ToList();
        var generators = network.Generators.Concat(pv.Select(p => new Generator
        {
            Id = "pv" + p.Bus,
            Bus = new BusId(p.Bus),
            PMw = p.PMw,
            VmSetpointPu = p.VmSetpointPu,
        })).ToList();
        return network with { Buses = buses, Generators = generators };
    }

    public static PowerFlowModel Model(GridNetwork network) => PowerFlowModel.Build(NetworkIndex.Build(network));

    /// <summary>Solves the model's own injections with the sweep from the start voltages.</summary>
    public static (SolveStats Stats, Complex[] Voltages, List<double> History) Sweep(PowerFlowModel model, double tolerancePu, bool flatStart = true, int maxIterations = 100)
    {
        using var solver = new BackwardForwardSweepSolver(model, new PowerFlowOptions { TolerancePu = tolerancePu, MaxIterationsSweep = maxIterations });
        var v = model.StartVoltages(flatStart);
        var history = new List<double>();
        var stats = solver.Solve(model.SpecifiedSbusPu, v, history);
        return (stats, v, history);
    }
}
