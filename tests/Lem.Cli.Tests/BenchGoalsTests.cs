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
