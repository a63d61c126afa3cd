using Lem.Grid.Network;
using Lem.Grid.PowerFlow;
using Lem.Testing;
using static Lem.Grid.Tests.PowerFlow.SweepTestNetworks;

namespace Lem.Grid.Tests.PowerFlow;

public class TimeSeriesTests
{
    private static readonly Lazy<LoadProfile> Radial1001Profile = new(() =>
    {
        var read = LoadProfile.ReadCsv(RepoPaths.Grid("benchmark", "radial1001_profiles.csv.gz"));
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        return read.Profile!;
    });

    private static IPowerFlowSolver Bfs(PowerFlowModel model, PowerFlowOptions options) => new BackwardForwardSweepSolver(model, options);

    [SharedTheory]
    [InlineData("radial1001.json", 0)]
    [InlineData("radial1001.m", 1)]
    public void Radial1001_profile_steps_match_pandapower(string file, int busOffset)
    {
        // benchmark/README.md reference results (pandapower bus numbers; MATPOWER = pandapower + 1).
        var model = Model(TestGrids.Load("benchmark", file));
        var profile = Radial1001Profile.Value;
        Assert.Empty(profile.Validate(model.Index.Network));

        var result = PowerFlowTimeSeries.Run(model, profile, new PowerFlowOptions { TolerancePu = 1e-10 }, Bfs);

        Assert.Equal(1000, result.Steps.Count);
        Assert.True(result.AllConverged);
        Assert.Equal(PowerFlowAlgorithm.BackwardForwardSweep, result.Algorithm);
        (int Step, double VmMin, int Bus, double LossesMw, double SlackPMw)[] expected =
        [
            (0, 1.026143070, 730, 3.982222, 405.357272),
            (499, 1.025741221, 990, 3.886809, 404.117659),
            (999, 1.025494116, 480, 3.895192, 401.682082),
        ];
        foreach (var e in expected)
        {
            var step = result.Steps[e.Step];
            Assert.Equal(e.Step, step.Step);
            Assert.Equal(PowerFlowStatus.Converged, step.Status);
            Approx.Equal(e.VmMin, step.VmMinPu, 1e-9, what: $"V min step {e.Step}");
            Assert.Equal((e.Bus + busOffset).ToString(System.Globalization.CultureInfo.InvariantCulture), step.VmMinBus.Value);
            Approx.Equal(e.LossesMw, step.LossesMw, 1e-6, what: $"losses step {e.Step}");
            Approx.Equal(e.SlackPMw, step.SlackPMw, 1e-6, what: $"slack P step {e.Step}");
        }

        // README: over the series V min ranges over 1.02174 .. 1.02769 p.u. and the losses over 3.7912 .. 4.0746 MW.
        Approx.Equal(1.02174, result.Steps.Min(s => s.VmMinPu), 5e-6, what: "lowest V min");
        Approx.Equal(1.02769, result.Steps.Max(s => s.VmMinPu), 5e-6, what: "highest V min");
        Approx.Equal(3.7912, result.Steps.Min(s => s.LossesMw), 5e-5, what: "lowest losses");
        Approx.Equal(4.0746, result.Steps.Max(s => s.LossesMw), 5e-5, what: "highest losses");
    }

    [SharedFact]
    public void One_and_two_workers_give_identical_results()
    {
        var model = Model(TestGrids.Load("benchmark", "radial1001.json"));
        var profile = Radial1001Profile.Value;
        var options = new PowerFlowOptions { TolerancePu = 1e-8 };

        var one = PowerFlowTimeSeries.Run(model, profile, options, Bfs, degreeOfParallelism: 1);
        var two = PowerFlowTimeSeries.Run(model, profile, options, Bfs, degreeOfParallelism: 2);

        Assert.Equal(1, one.WorkerCount);
        Assert.Equal(2, two.WorkerCount);
        Assert.True(one.AllConverged);
        Assert.Equal(one.Steps, two.Steps);
    }

    [Fact]
    public void A_step_equals_a_single_solve_of_the_network_with_the_profile_values()
    {
        // The profile covers load 0 only (at bus 1, scaled by 0.5); load 1 keeps its base value; a static generator stays.
        var network = Feeder3() with
        {
            Loads = [Feeder3().Loads[0] with { Scaling = 0.5 }, Feeder3().Loads[1]],
            StaticGenerators = [new StaticGenerator { Id = "g", Bus = new BusId("2"), PMw = 0.3, QMvar = 0.1 }],
        };
        var profile = new LoadProfile(1, [0.6, 1.0, 0.2], [0.2, 0.3, -0.1], [10, 11, 12]);
        var model = Model(network);

        var result = PowerFlowTimeSeries.Run(model, profile, new PowerFlowOptions { TolerancePu = 1e-12 }, Bfs);

        Assert.Equal(3, result.Steps.Count);
        Assert.Equal(1, result.WorkerCount);
        for (var step = 0; step < 3; step++)
        {
            var replaced = network with { Loads = [network.Loads[0] with { PMw = profile.PMwAt(step)[0], QMvar = profile.QMvarAt(step)[0] }, network.Loads[1]] };
            var single = Model(replaced);
            var (stats, v, _) = Sweep(single, 1e-12);
            var expected = PowerFlowResult.From(single, v, single.SpecifiedSbusPu, stats, PowerFlowAlgorithm.BackwardForwardSweep);
            var actual = result.Steps[step];

            Assert.Equal(10 + step, actual.Step);
            Assert.Equal(PowerFlowStatus.Converged, actual.Status);
            Approx.Equal(expected.VmMinPu, actual.VmMinPu, 1e-11, what: $"V min step {step}");
            Assert.Equal(expected.VmMinBus, actual.VmMinBus);
            Approx.Equal(expected.LossesMw, actual.LossesMw, 1e-11, what: $"losses step {step}");
            Approx.Equal(expected.SlackPMw, actual.SlackPMw, 1e-11, what: $"slack P step {step}");
        }
    }

    [Fact]
    public void Slack_power_includes_a_profiled_load_at_the_slack_bus()
    {
        var network = Feeder3() with
        {
            Loads = [new Load { Id = "s", Bus = new BusId("0"), PMw = 0.1, QMvar = 0.0 }, .. Feeder3().Loads],
        };
        var profile = new LoadProfile(1, [0.4], [0.1]);
        var model = Model(network);

        var step = PowerFlowTimeSeries.Run(model, profile, new PowerFlowOptions { TolerancePu = 1e-12 }, Bfs).Steps[0];

        // Slack generation = the load of the whole feeder (0.4 at the slack + 2.0) plus the §4 losses 0.089391.
        Approx.Equal(0.4 + 2.0 + 0.089391, step.SlackPMw, 5e-7, what: "slack P");
        Approx.Equal(0.089391, step.LossesMw, 5e-7, what: "losses");
    }

    [SharedFact]
    public void A_meshed_network_gives_not_applicable_steps_without_throwing()
    {
        var network = TestGrids.Load("matpower", "case9.m");
        var profile = new LoadProfile(3, [90, 100, 125, 80, 90, 100], [30, 35, 50, 30, 35, 50]);

        var result = PowerFlowTimeSeries.Run(Model(network), profile, PowerFlowOptions.Default, Bfs);

        Assert.All(result.Steps, s =>
        {
            Assert.Equal(PowerFlowStatus.NotApplicable, s.Status);
            Assert.True(double.IsNaN(s.VmMinPu) && double.IsNaN(s.LossesMw) && double.IsNaN(s.SlackPMw));
        });
        Assert.False(result.AllConverged);
        Assert.Equal(0, result.ConvergedCount);
    }

    [Fact]
    public void An_infeasible_step_does_not_spoil_the_next_one()
    {
        var model = Model(Feeder3());
        var profile = new LoadProfile(2, [0.8, 1.2, 16, 24, 0.8, 1.2], [0.3, 0.4, 6, 8, 0.3, 0.4]);

        var result = PowerFlowTimeSeries.Run(model, profile, new PowerFlowOptions { TolerancePu = 1e-10 }, Bfs);

        Assert.Equal(PowerFlowStatus.Converged, result.Steps[0].Status);
        Assert.NotEqual(PowerFlowStatus.Converged, result.Steps[1].Status);
        Assert.Equal(PowerFlowStatus.Converged, result.Steps[2].Status);
        Approx.Equal(result.Steps[0].VmMinPu, result.Steps[2].VmMinPu, 1e-10, what: "V min after the infeasible step");
    }

    [Fact]
    public void A_profile_with_more_loads_than_the_network_is_refused()
    {
        var profile = new LoadProfile(3, [1, 1, 1], [0, 0, 0]);

        var ex = Assert.Throws<ArgumentException>(() => PowerFlowTimeSeries.Run(Model(Feeder3()), profile, PowerFlowOptions.Default, Bfs));

        Assert.Contains("load index 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_degree_of_parallelism_below_one_is_refused()
    {
        var profile = new LoadProfile(2, [1, 1], [0, 0]);

        Assert.Throws<ArgumentOutOfRangeException>(() => PowerFlowTimeSeries.Run(Model(Feeder3()), profile, PowerFlowOptions.Default, Bfs, 0));
    }

    [SharedFact]
    public void Each_worker_gets_its_own_solver()
    {
        var model = Model(TestGrids.Load("matpower", "case33bw.m"));
        var steps = 4 * PowerFlowTimeSeries.StepsPerChunk;
        var p = new double[steps * 32];
        var q = new double[steps * 32];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = 0.05 + (0.01 * (i % 7));
            q[i] = 0.02;
        }

        var created = 0;
        var result = PowerFlowTimeSeries.Run(
            model,
            new LoadProfile(32, p, q),
            new PowerFlowOptions { TolerancePu = 1e-10 },
            (m, o) =>
            {
                Interlocked.Increment(ref created);
                return new BackwardForwardSweepSolver(m, o);
            },
            degreeOfParallelism: 2);

        Assert.Equal(2, result.WorkerCount);
        Assert.Equal(2, created);
        Assert.True(result.AllConverged);
        Assert.True(result.TotalSeconds > 0);
        Assert.Equal(Enumerable.Range(0, steps), result.Steps.Select(s => s.Step));
    }
}
