using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// Benches find the repository's files from any working folder, report their stated acceptance as <c>goals</c> and
/// exit with <see cref="ExitCodes.GoalMissed"/> when a figure misses it.
/// </summary>
public sealed class BenchGoalsTests
{
    [Fact]
    public void BenchDistributed_RepositoryRelativeScenario_FoundFromTheTestFolder_GoalsMatchTheFigures()
    {
        const string relative = "examples/tiny/scenario.json";
        Assert.False(File.Exists(relative), $"the test must run outside the repository root (working folder {Directory.GetCurrentDirectory()})");

        var (exit, output, err) = CliRunner.Run("bench", "distributed", "--scenario", relative, "--format", "json");

        Assert.True(exit is ExitCodes.Ok or ExitCodes.GoalMissed, output + err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var goals = root.GetProperty("goals").EnumerateArray().ToList();
        Assert.Equal(
            ["exchange_welfare_gap_ppm", "community_welfare_gap_ppm", "p2p_welfare_gap_ppm"],
            goals.Select(g => g.GetProperty("figure").GetString()!));
        foreach (var goal in goals)
        {
            var figure = root.GetProperty(goal.GetProperty("figure").GetString()!).GetDouble();
            Assert.Equal(figure, goal.GetProperty("value").GetDouble());
            Assert.Equal("<=", goal.GetProperty("comparison").GetString());
            Assert.Equal(1000.0, goal.GetProperty("target").GetDouble());
            Assert.Equal(figure <= 1000.0, goal.GetProperty("met").GetBoolean());
        }

        Assert.Equal(goals.All(g => g.GetProperty("met").GetBoolean()) ? ExitCodes.Ok : ExitCodes.GoalMissed, exit);
    }

    [Fact]
    public void BenchP2p_RandomMarket_ReportsTimeIterationsResiduals_AndTheTenSecondGoal_TheSameMarketEveryRun()
    {
        var (exit, output, err) = CliRunner.Run("bench", "p2p", "--agents", "60", "--partners", "4", "--slots", "3", "--runs", "1", "--format", "json");
        var (_, again, _) = CliRunner.Run("bench", "p2p", "--agents", "60", "--partners", "4", "--slots", "3", "--runs", "1", "--format", "json");

        Assert.True(exit is ExitCodes.Ok or ExitCodes.GoalMissed, output + err);
        using var doc = JsonDocument.Parse(output);
        using var second = JsonDocument.Parse(again);
        var root = doc.RootElement;
        var goal = Assert.Single(root.GetProperty("goals").EnumerateArray());
        Assert.Equal("p2p_market_s", goal.GetProperty("figure").GetString());
        Assert.Equal(10.0, goal.GetProperty("target").GetDouble());
        Assert.Equal(root.GetProperty("p2p_market_s").GetDouble(), goal.GetProperty("value").GetDouble());
        Assert.InRange(root.GetProperty("p2p_market_iterations").GetDouble(), 2, 4999);
        foreach (var key in new[] { "p2p_market_iterations", "p2p_market_primal_residual", "p2p_market_dual_residual" })
        {
            Assert.Equal(root.GetProperty(key).GetDouble(), second.RootElement.GetProperty(key).GetDouble());
        }

        Assert.False(root.TryGetProperty("p2p_1000x10x24_s", out _));
    }

    [Theory]
    [InlineData("--agents", "1")]
    [InlineData("--partners", "0")]
    [InlineData("--slots", "0")]
    public void BenchP2p_OutOfRangeSize_IsAUsageError(string option, string value)
    {
        var (exit, output, err) = option == "--agents" ? CliRunner.Run("bench", "p2p", option, value) : CliRunner.Run("bench", "p2p", "--agents", "10", option, value);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(option, output + err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void BenchDistributed_MissingScenario_ExitsOneNamingTheFile()
    {
        var (exit, output, err) = CliRunner.Run("bench", "distributed", "--scenario", "examples/no-such/scenario.json");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("no-such", output + err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Theory]
    [InlineData(999.9, "<=", 1000, true)]
    [InlineData(1000, "<=", 1000, true)]
    [InlineData(1708, "<=", 1000, false)]
    [InlineData(2.1e6, ">=", 2e6, true)]
    [InlineData(1.9e6, ">=", 2e6, false)]
    [InlineData(5000, "<", 5000, false)]
    public void BenchGoal_Met_FollowsItsComparison(double value, string comparison, double target, bool met)
    {
        var goal = new Commands.BenchGoal("figure", value, comparison, target);
        Assert.Equal(met, goal.Met);
        Assert.Equal(met ? ExitCodes.Ok : ExitCodes.GoalMissed, Commands.BenchGoal.ExitCode([goal, new Commands.BenchGoal("other", 1, "<=", 2)]));
    }

    [Fact]
    public void RepositoryFiles_FindsExamplesFromAnyWorkingFolder()
    {
        var found = RepositoryFiles.Find(Path.Combine("examples", "village", "scenario.json"));

        Assert.Equal(RepoPaths.InRepo("examples", "village", "scenario.json"), found);
        Assert.Null(RepositoryFiles.Find(Path.Combine("examples", "no-such", "scenario.json")));
    }
}
