using Lem.Domain.Progress;
using Lem.Grid.Formulations;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Markets.Exchange;
using Lem.Markets.Pool;
using Lem.Markets.Tests.Distributed;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Testing;

namespace Lem.Markets.Tests.Progress;

/// <summary>The progress the pool, the ADMM engines and the AC check report (docs/architecture.md#progress).</summary>
public sealed class ProgressReportingTests
{
    [Fact]
    public void Pool_ReportsBuildAndSolvePhases_OneSolveStartPerSolve_AndTheMilpAgainstSimultaneousCharging()
    {
        var progress = new RecordingProgress();
        var r = PoolClearing.Clear(PoolStorageTests.NegativePriceScenario(), new CopperPlateFormulation(), new PoolOptions { Clearing = new ClearingOptions { Progress = progress } });

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Assert.True(r.SimultaneousChargingPrevented);
        var starts = progress.Reports.Where(x => x.Done == 0).Select(x => x.Phase).ToList();

        // LP → conflicts → model with binaries → MILP → LP with the binaries fixed (docs/mechanisms/pool.md#batteries).
        Assert.Equal([ProgressPhases.PoolBuild, ProgressPhases.PoolSolveLp, ProgressPhases.PoolBuild, ProgressPhases.PoolSolveMilp, ProgressPhases.PoolSolveLp], starts);
        Assert.Equal(r.Statistics.Solves, starts.Count(p => p is ProgressPhases.PoolSolveLp or ProgressPhases.PoolSolveMilp));

        // Every phase that starts also ends, right after.
        var reports = progress.Reports;
        Assert.Equal(2 * starts.Count, reports.Count);
        for (var i = 0; i < reports.Count; i += 2)
        {
            Assert.Equal((reports[i].Phase, 0L, 1L), (reports[i + 1].Phase, reports[i + 1].Done - 1, reports[i + 1].Total!.Value));
        }
    }

    [Fact]
    public void Pool_WithoutProgress_ClearsTheSame()
    {
        var scenario = PoolStorageTests.NegativePriceScenario();
        var quiet = PoolClearing.Clear(scenario, new CopperPlateFormulation());
        var reported = PoolClearing.Clear(scenario, new CopperPlateFormulation(), new PoolOptions { Clearing = new ClearingOptions { Progress = new RecordingProgress() } });

        Assert.Equal(quiet.WelfareEur, reported.WelfareEur);
        Assert.Equal(quiet.Slots.Select(s => s.PricesEurPerMwh[0]), reported.Slots.Select(s => s.PricesEurPerMwh[0]));
    }

    [Fact]
    public void Admm_ReportsEveryIteration_WithTheResidualsOfTheHistory_EndingAtTheFinalResiduals()
    {
        var progress = new RecordingProgress();
        var options = new AdmmOptions { Rho = 1, AbsoluteTolerance = 1e-6, RelativeTolerance = 1e-5, ResidualBalancing = false, Parallel = false, Progress = progress };

        var r = ExchangeAdmm.Run(FourAgents.Create(), 1, options);

        // The worked example of docs/mechanisms/admm.md converges in 21 iterations.
        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        var admm = progress.Of(ProgressPhases.Admm);
        Assert.Equal(21, admm.Count);
        Assert.Equal(Enumerable.Range(1, 21).Select(i => (long)i), admm.Select(x => x.Done));
        Assert.All(admm, x => Assert.Equal(options.MaxIterations, x.Total));
        var history = r.Diagnostics.ResidualHistory;
        for (var k = 0; k < admm.Count; k++)
        {
            Assert.Equal(history[k].Primal, admm[k].Measure(ProgressPhases.PrimalResidual));
            Assert.Equal(history[k].Dual, admm[k].Measure(ProgressPhases.DualResidual));
        }

        Assert.Equal(r.Diagnostics.PrimalResidual, admm[^1].Measure(ProgressPhases.PrimalResidual));
        Assert.Equal(r.Diagnostics.DualResidual, admm[^1].Measure(ProgressPhases.DualResidual));
    }

    [Fact]
    public void ExchangeMechanism_PassesTheClearingOptionsProgress_ToItsAdmm()
    {
        var tiny = ScenarioReader.Load(RepoPaths.InRepo("examples", "tiny", "scenario.json")).Scenario!;
        var progress = new RecordingProgress();

        var r = ClearingMechanisms.Get("exchange").Clear(new ClearingRequest(tiny) { Options = new ClearingOptions { Progress = progress } });

        var admm = progress.Of(ProgressPhases.Admm);
        Assert.Equal((long)r.Diagnostics["iterations"], admm.Count);
        Assert.Equal(r.Diagnostics["primal_residual"], admm[^1].Measure(ProgressPhases.PrimalResidual));
        Assert.Equal(r.Diagnostics["dual_residual"], admm[^1].Measure(ProgressPhases.DualResidual));
    }

    [Fact]
    public void Pipeline_ReportsThePoolPhases_ThenEveryAcCheckSlotExactlyOnce()
    {
        var tiny = ScenarioReader.Load(RepoPaths.InRepo("examples", "tiny", "scenario.json")).Scenario!;
        var progress = new RecordingProgress();

        var run = ClearingPipeline.Run(tiny, new PipelineRequest("pool") { Options = new ClearingOptions { Progress = progress }, Settle = false });

        var slots = tiny.Horizon.Count;
        Assert.Equal(slots, run.AcCheck!.Slots.Count);
        var ac = progress.Of(ProgressPhases.AcCheck);
        Assert.Equal(Enumerable.Range(1, slots).Select(i => (long)i), ac.Select(x => x.Done).Order());
        Assert.All(ac, x => Assert.Equal(slots, x.Total));

        // The pool's phases come first; the AC check follows the clearing.
        var phases = progress.Reports.Select(x => x.Phase).ToList();
        Assert.Equal(ProgressPhases.PoolBuild, phases[0]);
        Assert.Contains(ProgressPhases.PoolSolveLp, phases);
        Assert.True(phases.LastIndexOf(ProgressPhases.PoolSolveLp) < phases.IndexOf(ProgressPhases.AcCheck));
    }
}
