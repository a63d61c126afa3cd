using System.Numerics;
using System.Text.Json;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Grid.PowerFlow;
using Lem.Testing;
using static Lem.Grid.Tests.PowerFlow.SweepTestNetworks;

namespace Lem.Grid.Tests.PowerFlow;

public class SweepTests
{
    [Fact]
    public void Worked_example_converges_in_nine_sweeps_to_the_printed_voltages_and_flows()
    {
        // docs/power-flow.md#backward-forward-sweep-for-radial-networks on its feeder, V0 = 1∠0, flat start, ε = 1e-8.
        var model = Model(Feeder3());
        var (stats, v, history) = Sweep(model, 1e-8);

        Assert.Equal(PowerFlowStatus.Converged, stats.Status);
        Assert.Equal(9, stats.Iterations);
        Assert.Equal(9, history.Count);
        double[] printed = [1.04e-1, 1.04e-2, 1.12e-3];
        for (var i = 0; i < printed.Length; i++)
        {
            Approx.Equal(printed[i], history[i], relTol: 0.005, absTol: 0, what: $"max |ΔV| after sweep {i + 1}");
        }

        Approx.Equal(1.85e-9, history[^1], relTol: 0.005, absTol: 0, what: "last max |ΔV|");
        Assert.True(history[^2] > 1e-8);
        Assert.Equal(history[^1], stats.ConvergenceMeasurePu);

        var result = PowerFlowResult.From(model, v, model.SpecifiedSbusPu, stats, PowerFlowAlgorithm.BackwardForwardSweep, history);
        Approx.Equal(1.0, result.Buses[0].VmPu, 0, what: "slack |V|");
        Approx.Equal(0.962097, result.Buses[1].VmPu, 5e-7, what: "|V1|");
        Approx.Equal(-1.9656, result.Buses[1].VaDegree, 5e-5, what: "∠V1");
        Approx.Equal(0.917512, result.Buses[2].VmPu, 5e-7, what: "|V2|");
        Approx.Equal(-4.5628, result.Buses[2].VaDegree, 5e-5, what: "∠V2");
        Approx.Equal(2.089391, result.Branches[0].PFromMw, 5e-7, what: "P01");
        Approx.Equal(0.878781, result.Branches[0].QFromMvar, 5e-7, what: "Q01");
        Approx.Equal(1.238012, result.Branches[1].PFromMw, 5e-7, what: "P12");
        Approx.Equal(0.476025, result.Branches[1].QFromMvar, 5e-7, what: "Q12");

        // §4: losses 0.089391 + j0.178781.
        Approx.Equal(0.089391, result.LossesMw, 5e-7, what: "losses P");
        Approx.Equal(0.178781, result.LossesMvar, 5e-7, what: "losses Q");
    }

    [SharedFact]
    public void Case33bw_matches_matpower_newton_raphson()
    {
        var model = Model(TestGrids.Load("matpower", "case33bw.m"));
        var (stats, v, history) = Sweep(model, 1e-10);
        Assert.Equal(PowerFlowStatus.Converged, stats.Status);

        var result = PowerFlowResult.From(model, v, model.SpecifiedSbusPu, stats, PowerFlowAlgorithm.BackwardForwardSweep, history);
        using var expected = JsonDocument.Parse(File.ReadAllText(RepoPaths.Grid("expected", "case33bw_pf.json")));
        var buses = result.Buses.ToDictionary(b => b.Id.Value);
        var checkedBuses = 0;
        foreach (var bus in expected.RootElement.GetProperty("bus").EnumerateArray())
        {
            var id = bus.GetProperty("bus_i").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var actual = buses[id];
            Approx.Equal(bus.GetProperty("vm_pu").GetDouble(), actual.VmPu, 1e-6, what: $"vm bus {id}");
            Approx.Equal(bus.GetProperty("va_degree").GetDouble(), actual.VaDegree, 1e-4, what: $"va bus {id}");
            checkedBuses++;
        }

        Assert.Equal(33, checkedBuses);
        Approx.Equal(202.677, result.LossesMw * 1000, 1e-3, what: "series losses kW");
        Approx.Equal(expected.RootElement.GetProperty("total_series_losses_kW").GetDouble(), result.LossesMw * 1000, 1e-6, what: "series losses kW vs MATPOWER");
        Approx.Equal(expected.RootElement.GetProperty("total_gen_MW").GetDouble(), result.SlackPMw, 1e-8, what: "slack P");
    }

    [SharedTheory]
    [InlineData("radial1001.m", "991")]
    [InlineData("radial1001.json", "990")]
    public void Radial1001_base_snapshot_matches_pandapower(string file, string vmMinBus)
    {
        // benchmark/README.md: V min 1.027398232 @ pandapower bus 990 (MATPOWER 991), losses 3.917884 MW, slack 403.891560 MW.
        var model = Model(TestGrids.Load("benchmark", file));
        var (stats, v, history) = Sweep(model, 1e-10);
        Assert.Equal(PowerFlowStatus.Converged, stats.Status);

        var result = PowerFlowResult.From(model, v, model.SpecifiedSbusPu, stats, PowerFlowAlgorithm.BackwardForwardSweep, history);
        Approx.Equal(1.027398232, result.VmMinPu, 1e-9, what: "V min");
        Assert.Equal(vmMinBus, result.VmMinBus.Value);
        Approx.Equal(3.917884, result.LossesMw, 1e-6, what: "losses P");
        Approx.Equal(403.891560, result.SlackPMw, 1e-6, what: "slack P");
        Approx.Equal(-7.087012, result.SlackQMvar - 131.464997, 2e-6, what: "losses Q incl. charging (slack Q − load Q)");
        Assert.True(result.MaxMismatchMw < 1e-8, $"mismatch {result.MaxMismatchMw} MW");
    }

    [SharedFact]
    public void Every_radial_pandapower_network_converges_with_the_sweep()
    {
        var files = Directory.GetFiles(RepoPaths.Grid("pandapower"), "*.json").Order(StringComparer.Ordinal).ToList();
        var solved = 0;
        var failures = new List<string>();
        foreach (var file in files)
        {
            var model = Model(TestGrids.Load("pandapower", Path.GetFileName(file)));
            if (!(model.Topology.IsRadial && model.Topology.IsConnected && model.SlackBuses.Length == 1))
            {
                continue;
            }

            Assert.True(model.SweepApplicable, file);
            var (stats, v, _) = Sweep(model, 1e-10);
            var mismatch = model.MaxMismatchPu(v, model.SpecifiedSbusPu);
            if (stats.Status != PowerFlowStatus.Converged || !(mismatch < 1e-8))
            {
                failures.Add($"{Path.GetFileName(file)}: {stats.Status} after {stats.Iterations} sweeps, mismatch {mismatch:G3} p.u.");
            }

            solved++;
        }

        Assert.Empty(failures);
        Assert.True(solved >= 40, $"only {solved} radial pandapower networks found");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Transformers_with_tap_shift_and_shunts_solve_the_same_equations_in_either_orientation(bool slackOnLowVoltageSide)
    {
        // A 150° shifted transformer with an off-nominal tap and magnetising admittance, a line with charging and a
        // bus shunt. With the slack on the LV side the tree's parent is the transformer's to bus.
        var hv = slackOnLowVoltageSide ? "1" : "0";
        var lv = slackOnLowVoltageSide ? "0" : "1";
        var network = new GridNetwork
        {
            Name = "trafo",
            BaseMva = 1.0,
            Buses =
            [
                new Bus { Id = new BusId("0"), NominalKv = slackOnLowVoltageSide ? 0.4 : 20.0, Type = BusType.Slack },
                new Bus { Id = new BusId("1"), NominalKv = slackOnLowVoltageSide ? 20.0 : 0.4 },
                new Bus { Id = new BusId("2"), NominalKv = slackOnLowVoltageSide ? 20.0 : 0.4 },
                new Bus { Id = new BusId("3"), NominalKv = slackOnLowVoltageSide ? 20.0 : 0.4 },
            ],
            Transformers =
            [
                new Transformer { Id = "t", HvBus = new BusId(hv), LvBus = new BusId(lv), RPu = 0.01, XPu = 0.04, GPu = 0.002, BPu = -0.006, TapRatio = 1.025, ShiftDegree = 150 },
            ],
            Lines =
            [
                new Line { Id = "12", FromBus = new BusId("2"), ToBus = new BusId("1"), RPu = 0.02, XPu = 0.01, BPu = 0.003 },
                new Line { Id = "23", FromBus = new BusId("2"), ToBus = new BusId("3"), RPu = 0.03, XPu = 0.015, BPu = 0.002, GPu = 0.0005 },
            ],
            Loads =
            [
                new Load { Id = "1", Bus = new BusId("1"), PMw = 0.2, QMvar = 0.05 },
                new Load { Id = "3", Bus = new BusId("3"), PMw = 0.3, QMvar = 0.1 },
            ],
            StaticGenerators = [new StaticGenerator { Id = "pv", Bus = new BusId("2"), PMw = 0.15, QMvar = 0.0 }],
            Shunts = [new Shunt { Id = "c", Bus = new BusId("3"), PMw = 0.001, QMvar = -0.05 }],
        };
        var model = Model(network);
        Assert.True(model.SweepApplicable);

        var (stats, v, _) = Sweep(model, 1e-12);

        Assert.Equal(PowerFlowStatus.Converged, stats.Status);
        var mismatch = model.MaxMismatchPu(v, model.SpecifiedSbusPu);
        Assert.True(mismatch < 1e-10, $"mismatch {mismatch:G3} p.u.");

        // Behind the transformer the angles are shifted by ∓150° (V_lv = V_hv/τ at no load).
        var behind = v[2].Phase * 180 / Math.PI;
        var expected = slackOnLowVoltageSide ? 150.0 : -150.0;
        Assert.True(Math.Abs(Math.IEEERemainder(behind - expected, 360)) < 10, $"angle {behind}");
    }

    [SharedFact]
    public void Pv_buses_are_held_at_their_set_points_by_compensation()
    {
        var network = WithPvBuses(TestGrids.Load("matpower", "case33bw.m"), ("18", 0.5, 0.98), ("33", 0.3, 0.97), ("25", 0.2, 1.0));
        var model = Model(network);
        Assert.Equal(3, model.PvBuses.Length);

        var (stats, v, _) = Sweep(model, 1e-10);

        Assert.Equal(PowerFlowStatus.Converged, stats.Status);
        var index = model.Index;
        Approx.Equal(0.98, v[index.IndexOf(new BusId("18"))].Magnitude, 1e-10, what: "|V18|");
        Approx.Equal(0.97, v[index.IndexOf(new BusId("33"))].Magnitude, 1e-10, what: "|V33|");
        Approx.Equal(1.0, v[index.IndexOf(new BusId("25"))].Magnitude, 1e-10, what: "|V25|");
        var mismatch = model.MaxMismatchPu(v, model.SpecifiedSbusPu);
        Assert.True(mismatch < 1e-9, $"mismatch {mismatch:G3} p.u.");
    }

    [SharedFact]
    public void Pv_buses_behind_a_shifted_transformer_converge()
    {
        var net = TestGrids.Load("pandapower", "kerber_dorfnetz.json");
        var lv = net.Buses.Where(b => b.Type == BusType.Pq).Select(b => b.Id.Value).ToList();
        var model = Model(WithPvBuses(net, (lv[^1], 0.01, 1.0), (lv[^20], 0.005, 1.01)));

        var (stats, v, _) = Sweep(model, 1e-10);

        Assert.Equal(PowerFlowStatus.Converged, stats.Status);
        foreach (var bus in model.PvBuses)
        {
            Approx.Equal(model.Index.VmSetpointPu[bus], v[bus].Magnitude, 1e-10, what: $"|V| at PV bus {model.Index.BusIdOf(bus)}");
        }

        Assert.True(model.MaxMismatchPu(v, model.SpecifiedSbusPu) < 1e-9);
    }

    [SharedFact]
    public void Meshed_networks_and_several_slacks_are_not_applicable()
    {
        foreach (var file in new[] { "case9.m", "case70da.m" })
        {
            var model = Model(TestGrids.Load("matpower", file));
            Assert.False(model.SweepApplicable);
            using var solver = new BackwardForwardSweepSolver(model, PowerFlowOptions.Default);
            Assert.False(solver.IsApplicable);
            var v = model.StartVoltages(true);
            var before = v.ToArray();

            var stats = solver.Solve(model.SpecifiedSbusPu, v);

            Assert.Equal(PowerFlowStatus.NotApplicable, stats.Status);
            Assert.Equal(0, stats.Iterations);
            Assert.Equal(before, v);
        }
    }

    [Fact]
    public void The_iteration_cap_gives_iteration_limit()
    {
        var (stats, _, history) = Sweep(Model(Feeder3()), 1e-8, maxIterations: 3);

        Assert.Equal(PowerFlowStatus.IterationLimit, stats.Status);
        Assert.Equal(3, stats.Iterations);
        Assert.Equal(3, history.Count);
    }

    [Fact]
    public void An_infeasible_loading_is_reported_not_thrown()
    {
        // Twenty times the §3 loads: no power-flow solution exists (voltage collapse).
        var (stats, _, _) = Sweep(Model(Feeder3(20.0)), 1e-8);

        Assert.True(stats.Status is PowerFlowStatus.Diverged or PowerFlowStatus.IterationLimit, stats.Status.ToString());
    }

    [SharedFact]
    public void A_warm_solver_does_not_allocate()
    {
        var model = Model(TestGrids.Load("benchmark", "radial1001.json"));
        using var solver = new BackwardForwardSweepSolver(model, new PowerFlowOptions { TolerancePu = 1e-10 });
        var sbus = model.SpecifiedSbusPu;
        var v = model.StartVoltages(true);
        solver.Solve(sbus, v);

        var start = model.StartVoltages(true);
        start.CopyTo(v, 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var stats = solver.Solve(sbus, v);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(PowerFlowStatus.Converged, stats.Status);
        Assert.Equal(0, allocated);
    }

    [SharedFact]
    public void A_solved_start_converges_in_one_sweep()
    {
        var model = Model(TestGrids.Load("matpower", "case33bw.m"));
        var (_, solved, _) = Sweep(model, 1e-12);

        using var solver = new BackwardForwardSweepSolver(model, new PowerFlowOptions { TolerancePu = 1e-10 });
        var v = solved.ToArray();
        var stats = solver.Solve(model.SpecifiedSbusPu, v);

        Assert.Equal(PowerFlowStatus.Converged, stats.Status);
        Assert.Equal(1, stats.Iterations);
    }

    [Fact]
    public void The_slack_voltage_of_the_start_vector_is_kept()
    {
        var model = Model(Feeder3());
        using var solver = new BackwardForwardSweepSolver(model, PowerFlowOptions.Default);
        var v = model.StartVoltages(true);
        v[0] = Complex.FromPolarCoordinates(1.02, 0.1);

        var stats = solver.Solve(model.SpecifiedSbusPu, v);

        Assert.Equal(PowerFlowStatus.Converged, stats.Status);
        Assert.Equal(Complex.FromPolarCoordinates(1.02, 0.1), v[0]);
        Assert.True(model.MaxMismatchPu(v, model.SpecifiedSbusPu) < 1e-7);
        Assert.Equal(PowerFlowAlgorithm.BackwardForwardSweep, solver.Algorithm);
    }

    [Fact]
    public void Spans_of_the_wrong_length_are_a_programming_error()
    {
        var model = Model(Feeder3());
        using var solver = new BackwardForwardSweepSolver(model, PowerFlowOptions.Default);

        Assert.Throws<ArgumentException>(() => solver.Solve(new Complex[2], new Complex[3]));
    }

    [SharedFact]
    public void Branch_losses_helper_matches_power_flow_result()
    {
        var model = Model(TestGrids.Load("pandapower", "kerber_dorfnetz.json"));
        var (stats, v, _) = Sweep(model, 1e-10);
        var result = PowerFlowResult.From(model, v, model.SpecifiedSbusPu, stats, PowerFlowAlgorithm.BackwardForwardSweep);

        var total = BranchLosses.TotalSeriesLossPu(model, v) * model.Index.BaseMva;

        Assert.Contains(BranchKind.Transformer, model.Index.BranchKinds);
        Approx.Equal(result.LossesMw, total.Real, 1e-12, what: "losses P");
        Approx.Equal(result.LossesMvar, total.Imaginary, 1e-12, what: "losses Q");
    }
}
