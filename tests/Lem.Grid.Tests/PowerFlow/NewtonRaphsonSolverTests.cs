using System.Numerics;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Grid.PowerFlow;
using Lem.Testing;

namespace Lem.Grid.Tests.PowerFlow;

/// <summary>Behaviour of <see cref="NewtonRaphsonSolver"/> beyond the reference results: statuses, held set points, reuse.</summary>
public class NewtonRaphsonSolverTests
{
    private static PowerFlowModel Model(GridNetwork network) => PowerFlowModel.Build(NetworkIndex.Build(network));

    [SharedFact(NativeLibraries.Klu)]
    public void Holds_slack_and_pv_set_points_exactly()
    {
        var model = Model(TestGrids.Load("matpower", "case9.m"));
        using var solver = new NewtonRaphsonSolver(model, PowerFlowOptions.Default);
        var start = model.StartVoltages(false);
        var v = (Complex[])start.Clone();

        var stats = solver.Solve(model.SpecifiedSbusPu, v);

        Assert.Equal(PowerFlowStatus.Converged, stats.Status);
        Assert.Equal(PowerFlowAlgorithm.NewtonRaphson, solver.Algorithm);
        foreach (var i in model.SlackBuses)
        {
            Approx.Equal(start[i].Magnitude, v[i].Magnitude, 1e-15);
            Approx.Equal(start[i].Phase, v[i].Phase, 1e-15);
        }

        foreach (var i in model.PvBuses)
        {
            Approx.Equal(start[i].Magnitude, v[i].Magnitude, 1e-14);
        }

        // case9: 3 PV-or-slack buses, 6 PQ buses → 8 angles + 6 magnitudes.
        Assert.Equal(14, solver.JacobianSize);
        Assert.True(solver.JacobianNonZeros > 14);
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Repeated_solves_reuse_the_factorisation_and_agree()
    {
        var model = Model(TestGrids.Load("matpower", "case118.m"));
        using var solver = new NewtonRaphsonSolver(model, PowerFlowOptions.Default with { TolerancePu = 1e-10 });
        var first = model.StartVoltages(false);
        var second = model.StartVoltages(false);

        var a = solver.Solve(model.SpecifiedSbusPu, first);
        var b = solver.Solve(model.SpecifiedSbusPu, second);

        Assert.Equal(PowerFlowStatus.Converged, a.Status);
        Assert.Equal(PowerFlowStatus.Converged, b.Status);
        Assert.Equal(1, solver.FullFactorizations);
        Assert.Equal(a.Iterations + b.Iterations - 1, solver.Refactorizations);
        for (var i = 0; i < first.Length; i++)
        {
            Assert.True((first[i] - second[i]).Magnitude < 1e-9, $"bus {i}: {first[i]} vs {second[i]}");
        }
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Converged_start_needs_no_iteration_and_a_warm_start_few()
    {
        var model = Model(TestGrids.Load("matpower", "case30.m"));
        using var solver = new NewtonRaphsonSolver(model, PowerFlowOptions.Default);
        var v = model.StartVoltages(false);
        Assert.Equal(PowerFlowStatus.Converged, solver.Solve(model.SpecifiedSbusPu, v).Status);

        var history = new List<double>();
        var again = solver.Solve(model.SpecifiedSbusPu, v, history);
        Assert.Equal(PowerFlowStatus.Converged, again.Status);
        Assert.Equal(0, again.Iterations);
        Assert.Single(history);

        // 5 % more load everywhere: a warm start from the previous solution converges quickly.
        var sbus = model.SpecifiedSbusPu.ToArray();
        foreach (var i in model.PqBuses)
        {
            sbus[i] *= 1.05;
        }

        var warm = solver.Solve(sbus, v);
        Assert.Equal(PowerFlowStatus.Converged, warm.Status);
        Assert.InRange(warm.Iterations, 1, 3);
        Assert.True(model.MaxMismatchPu(v, sbus) <= 1e-8);
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Iteration_limit_is_a_status_with_the_last_iterate()
    {
        var model = Model(TestGrids.Load("matpower", "case9.m"));
        using var solver = new NewtonRaphsonSolver(model, PowerFlowOptions.Default with { MaxIterationsNewton = 1 });
        var v = model.StartVoltages(false);
        var history = new List<double>();

        var stats = solver.Solve(model.SpecifiedSbusPu, v, history);

        Assert.Equal(PowerFlowStatus.IterationLimit, stats.Status);
        Assert.Equal(1, stats.Iterations);
        Assert.Equal(2, history.Count);
        Assert.Equal(history[1], stats.ConvergenceMeasurePu);
        Approx.Equal(model.MaxMismatchPu(v, model.SpecifiedSbusPu), stats.ConvergenceMeasurePu, 1e-12);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Island_without_slack_is_singular()
    {
        // The 3-bus example plus two buses joined to each other only: their angles are undetermined.
        var network = NewtonRaphsonThreeBusTests.Network();
        network = network with
        {
            Buses = [.. network.Buses, new Bus { Id = new BusId("4"), NominalKv = 110 }, new Bus { Id = new BusId("5"), NominalKv = 110 }],
            Lines = [.. network.Lines, new Line { Id = "4-5", FromBus = new BusId("4"), ToBus = new BusId("5"), RPu = 0.01, XPu = 0.03 }],
            Loads = [.. network.Loads, new Load { Id = "l5", Bus = new BusId("5"), PMw = 10, QMvar = 2 }],
        };
        var model = Model(network);
        using var solver = new NewtonRaphsonSolver(model, PowerFlowOptions.Default);

        var stats = solver.Solve(model.SpecifiedSbusPu, model.StartVoltages(true));

        Assert.Equal(PowerFlowStatus.Singular, stats.Status);
        Assert.Equal(0, stats.Iterations);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Impossible_loading_does_not_report_convergence()
    {
        // The 3-bus example with 40 times the load: far beyond the nose of the PV curve.
        var network = NewtonRaphsonThreeBusTests.Network();
        network = network with { Loads = [new Load { Id = "l3", Bus = new BusId("3"), PMw = 4000, QMvar = 1600 }] };
        var model = Model(network);
        using var solver = new NewtonRaphsonSolver(model, PowerFlowOptions.Default);
        var v = model.StartVoltages(true);

        var stats = solver.Solve(model.SpecifiedSbusPu, v);

        Assert.NotEqual(PowerFlowStatus.Converged, stats.Status);
        Assert.Contains(stats.Status, new[] { PowerFlowStatus.Diverged, PowerFlowStatus.IterationLimit, PowerFlowStatus.Singular });
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Several_slack_buses_are_all_held()
    {
        var network = TestGrids.Load("matpower", "case9.m");
        network = network with { Buses = [.. network.Buses.Select(b => b.Id.Value == "2" ? b with { Type = BusType.Slack } : b)] };
        var model = Model(network);
        Assert.Equal(2, model.SlackBuses.Length);
        using var solver = new NewtonRaphsonSolver(model, PowerFlowOptions.Default);
        var start = model.StartVoltages(false);
        var v = (Complex[])start.Clone();

        var stats = solver.Solve(model.SpecifiedSbusPu, v);

        Assert.Equal(PowerFlowStatus.Converged, stats.Status);
        foreach (var i in model.SlackBuses)
        {
            Assert.Equal(start[i], v[i]);
        }

        Assert.True(model.MaxMismatchPu(v, model.SpecifiedSbusPu) <= 1e-8);
    }

    [Fact]
    public void Network_of_slack_buses_only_has_nothing_to_solve()
    {
        var network = new GridNetwork
        {
            Name = "two-slacks",
            Buses = [new Bus { Id = new BusId("a"), NominalKv = 20, Type = BusType.Slack }, new Bus { Id = new BusId("b"), NominalKv = 20, Type = BusType.Slack, VaDegree = -1 }],
            Lines = [new Line { Id = "ab", FromBus = new BusId("a"), ToBus = new BusId("b"), RPu = 0.01, XPu = 0.02 }],
        };
        var model = Model(network);
        using var solver = new NewtonRaphsonSolver(model, PowerFlowOptions.Default);
        var v = model.StartVoltages(false);

        var stats = solver.Solve(model.SpecifiedSbusPu, v);

        Assert.Equal(0, solver.JacobianSize);
        Assert.Equal(new SolveStats(PowerFlowStatus.Converged, 0, 0), stats);
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Arguments_are_checked()
    {
        var model = Model(TestGrids.Load("matpower", "case9.m"));
        Assert.Throws<ArgumentNullException>(() => new NewtonRaphsonSolver(null!, PowerFlowOptions.Default));
        Assert.Throws<ArgumentException>(() => new NewtonRaphsonSolver(model, PowerFlowOptions.Default with { TolerancePu = double.NaN }));
        Assert.Throws<ArgumentException>(() => new NewtonRaphsonSolver(model, PowerFlowOptions.Default with { MaxIterationsNewton = -1 }));

        var solver = new NewtonRaphsonSolver(model, PowerFlowOptions.Default);
        Assert.Throws<ArgumentException>(() => solver.Solve(new Complex[8], new Complex[9]));
        Assert.Throws<ArgumentException>(() => solver.Solve(new Complex[9], new Complex[10]));
        solver.Dispose();
        solver.Dispose();
        Assert.Throws<ObjectDisposedException>(() => solver.Solve(model.SpecifiedSbusPu, model.StartVoltages(false)));
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Start_angles_follow_transformer_phase_shifts_when_the_case_has_none()
    {
        // dickert single feeder: external grid (bus 0, 20 kV) → Dyn5 transformer (150°) → LV buses.
        var model = Model(TestGrids.Load("pandapower", "dickert_lv_short_cable_single_good.json"));
        Assert.All(model.StartVoltages(false), v => Assert.Equal(0.0, v.Phase));

        var start = NewtonRaphsonStart.Voltages(model, flatStart: false);

        var slack = model.SlackBuses[0];
        Assert.Equal(0.0, start[slack].Phase);
        for (var i = 0; i < start.Length; i++)
        {
            if (i != slack)
            {
                Approx.Equal(-150.0, start[i].Phase * 180 / Math.PI, 1e-9, what: $"start angle of bus {i}");
            }
        }

        using var solver = new NewtonRaphsonSolver(model, PowerFlowOptions.Default);
        Assert.Equal(PowerFlowStatus.Converged, solver.Solve(model.SpecifiedSbusPu, start).Status);
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Start_keeps_the_case_angles_of_matpower_cases()
    {
        var model = Model(TestGrids.Load("matpower", "case300.m"));

        Assert.Equal(model.StartVoltages(false), NewtonRaphsonStart.Voltages(model, flatStart: false));

        // From a flat start (where phase shifts would be applied; case300 has none) it converges too.
        var flat = NewtonRaphsonStart.Voltages(model, flatStart: true);
        using var solver = new NewtonRaphsonSolver(model, PowerFlowOptions.Default);
        Assert.Equal(PowerFlowStatus.Converged, solver.Solve(model.SpecifiedSbusPu, flat).Status);
    }
}
