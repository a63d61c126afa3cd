using Lem.Domain.Progress;
using Lem.Settlement.Allocation;
using Lem.Testing;

namespace Lem.Settlement.Tests.Allocation;

/// <summary>Monte Carlo Shapley reports the permutations it has drawn (docs/architecture.md#progress).</summary>
public sealed class MonteCarloProgressTests
{
    [Theory]
    [InlineData(300, 1)]
    [InlineData(300, 4)]
    [InlineData(64, 4)]
    public void Estimate_ReportsOncePerBlock_ReachingTheRequestedPermutations(int permutations, int threads)
    {
        var progress = new RecordingProgress();
        var options = new MonteCarloOptions { Permutations = permutations, Seed = 3, MaxDegreeOfParallelism = threads, Progress = progress };

        var r = ShapleyMonteCarlo.Estimate(Section11Game.Create(), options);

        var all = progress.Of(ProgressPhases.MonteCarlo);
        Assert.Equal(0, all[0].Done);
        var reports = all.Skip(1).ToList();
        var blocks = (permutations + options.BlockPermutations - 1) / options.BlockPermutations;
        Assert.Equal(blocks, reports.Count);
        Assert.Equal(permutations, r.Permutations);
        Assert.Equal(r.Permutations, reports.Max(x => x.Done));
        Assert.Equal(blocks, reports.Select(x => x.Done).Distinct().Count());
        Assert.All(reports, x => Assert.Equal(permutations, x.Total));
    }

    [Fact]
    public void Estimate_Adaptive_ReportsEveryRound_EndingAtThePermutationsDrawn()
    {
        var progress = new RecordingProgress();
        var options = new MonteCarloOptions { Permutations = 64, Seed = 5, TargetCi95Relative = 0.01, MaxPermutations = 100_000, Progress = progress };

        var r = ShapleyMonteCarlo.Estimate(Section11Game.Create(), options);

        var reports = progress.Of(ProgressPhases.MonteCarlo).Skip(1).ToList();
        Assert.True(r.Permutations > 64, "the target needs more than the first round");
        Assert.Equal(r.Permutations / options.BlockPermutations, reports.Count);
        Assert.Equal(r.Permutations, reports.Max(x => x.Done));
        Assert.Equal(r.Permutations, reports[^1].Total);
    }

    [Fact]
    public void Estimate_WithProgress_GivesTheSameEstimate()
    {
        var game = Section11Game.Create();
        var quiet = ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = 200, Seed = 7 });
        var reported = ShapleyMonteCarlo.Estimate(game, new MonteCarloOptions { Permutations = 200, Seed = 7, Progress = new RecordingProgress() });

        Assert.Equal(quiet.AllocationsEur, reported.AllocationsEur);
    }
}
