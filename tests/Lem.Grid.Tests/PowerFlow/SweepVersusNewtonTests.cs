using System.Numerics;
using Lem.Grid.Network;
using Lem.Grid.PowerFlow;
using Lem.Testing;
using static Lem.Grid.Tests.PowerFlow.SweepTestNetworks;

namespace Lem.Grid.Tests.PowerFlow;

/// <summary>The sweep and Newton-Raphson solve the same equations: on radial networks their voltages agree.</summary>
public class SweepVersusNewtonTests
{
    private static IPowerFlowSolver Bfs(PowerFlowModel model, PowerFlowOptions options) => new BackwardForwardSweepSolver(model, options);

    private static IPowerFlowSolver Newton(PowerFlowModel model, PowerFlowOptions options) => new NewtonRaphsonSolver(model, options);

    /// <summary>The largest |V_bfs − V_nr| over all buses after solving both from their flat starts.</summary>
    private static double MaxVoltageDifference(PowerFlowModel model, double sweepTolerancePu = 1e-12, double newtonTolerancePu = 1e-11)
    {
        var (sweepStats, sweep, _) = Sweep(model, sweepTolerancePu);
        Assert.Equal(PowerFlowStatus.Converged, sweepStats.Status);

        using var newton = new NewtonRaphsonSolver(model, new PowerFlowOptions { TolerancePu = newtonTolerancePu });
        var v = NewtonRaphsonStart.Voltages(model, flatStart: true);
        var newtonStats = newton.Solve(model.SpecifiedSbusPu, v);
        Assert.Equal(PowerFlowStatus.Converged, newtonStats.Status);

        var max = 0.0;
        for (var i = 0; i < v.Length; i++)
        {
            max = Math.Max(max, Complex.Abs(v[i] - sweep[i]));
        }

        return max;
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Sweep_equals_newton_raphson_on_every_radial_pandapower_network()
    {
        var compared = 0;
        var failures = new List<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Grid("pandapower"), "*.json").Order(StringComparer.Ordinal))
        {
            var model = Model(TestGrids.Load("pandapower", Path.GetFileName(file)));
            if (!model.SweepApplicable)
            {
                continue;
            }

            var difference = MaxVoltageDifference(model);
            if (!(difference <= 1e-8))
            {
                failures.Add($"{Path.GetFileName(file)}: max |ΔV| = {difference:G3} p.u.");
            }

            compared++;
        }

        Assert.Empty(failures);
        Assert.True(compared >= 40, $"only {compared} networks compared");
    }

    [SharedTheory(NativeLibraries.Klu)]
    [InlineData("matpower", "case33bw.m")]
    [InlineData("matpower", "case69.m")]
    [InlineData("matpower", "case18.m")]
    [InlineData("matpower", "case136ma.m")]
    [InlineData("benchmark", "radial1001.m")]
    [InlineData("pandapower", "cigre_mv_der_pv_wind.json")]
    [InlineData("pandapower", "kerber_dorfnetz.json")]
    public void Sweep_equals_newton_raphson_to_1e_9(string folder, string file)
    {
        var difference = MaxVoltageDifference(Model(TestGrids.Load(folder, file)));

        Assert.True(difference <= 1e-9, $"max |ΔV| = {difference:G3} p.u.");
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Sweep_with_pv_compensation_equals_newton_raphson()
    {
        var net = TestGrids.Load("pandapower", "kerber_dorfnetz.json");
        var lv = net.Buses.Where(b => b.Type == BusType.Pq).Select(b => b.Id.Value).ToList();
        PowerFlowModel[] models =
        [
            Model(WithPvBuses(TestGrids.Load("matpower", "case33bw.m"), ("18", 0.5, 0.98), ("33", 0.3, 0.97), ("25", 0.2, 1.0))),
            Model(WithPvBuses(net, (lv[^1], 0.01, 1.0), (lv[^20], 0.005, 1.01))),
        ];

        foreach (var model in models)
        {
            var difference = MaxVoltageDifference(model);
            Assert.True(difference <= 1e-9, $"{model.Index.Network.Name}: max |ΔV| = {difference:G3} p.u.");
        }
    }

    [Trait("Category", "Heavy")]
    [SharedFact(NativeLibraries.Klu)]
    public void Time_series_with_either_solver_agree_on_radial1001()
    {
        var model = Model(TestGrids.Load("benchmark", "radial1001.json"));
        var read = LoadProfile.ReadCsv(RepoPaths.Grid("benchmark", "radial1001_profiles.csv.gz"));
        Assert.True(read.Succeeded);
        var full = read.Profile!;

        // The first 100 steps keep the test quick; the solvers see exactly the same injections.
        var steps = 100;
        var p = new double[steps * full.LoadCount];
        var q = new double[steps * full.LoadCount];
        for (var s = 0; s < steps; s++)
        {
            full.PMwAt(s).CopyTo(p.AsSpan(s * full.LoadCount));
            full.QMvarAt(s).CopyTo(q.AsSpan(s * full.LoadCount));
        }

        var profile = new LoadProfile(full.LoadCount, p, q);
        var options = new PowerFlowOptions { TolerancePu = 1e-10 };

        var sweep = PowerFlowTimeSeries.Run(model, profile, options, Bfs);
        var newton = PowerFlowTimeSeries.Run(model, profile, options, Newton);

        Assert.Equal(PowerFlowAlgorithm.NewtonRaphson, newton.Algorithm);
        Assert.True(sweep.AllConverged && newton.AllConverged);
        for (var s = 0; s < steps; s++)
        {
            Approx.Equal(newton.Steps[s].VmMinPu, sweep.Steps[s].VmMinPu, 1e-9, what: $"V min step {s}");
            Assert.Equal(newton.Steps[s].VmMinBus, sweep.Steps[s].VmMinBus);
            Approx.Equal(newton.Steps[s].LossesMw, sweep.Steps[s].LossesMw, 1e-7, what: $"losses step {s}");
            Approx.Equal(newton.Steps[s].SlackPMw, sweep.Steps[s].SlackPMw, 1e-7, what: $"slack P step {s}");
        }

        // Step 0 against the README's pandapower values.
        Approx.Equal(1.026143070, newton.Steps[0].VmMinPu, 1e-9, what: "NR V min step 0");
        Approx.Equal(3.982222, newton.Steps[0].LossesMw, 1e-6, what: "NR losses step 0");
    }
}
