using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

public sealed class RunDistributedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-admm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("p2p")]
    [InlineData("community")]
    [InlineData("exchange")]
    public void Run_Tiny_WithADistributedMechanism_MatchesThePoolWelfare_AndWritesItsFiles(string mechanism)
    {
        var scenario = RepoPaths.InRepo("examples", "tiny", "scenario.json");
        var pool = JsonDocument.Parse(CliRunner.Run("run", scenario, "--grid", "copperplate", "--format", "json").Out).RootElement;
        var outDir = Path.Combine(_dir, mechanism);

        var (exit, output, err) = CliRunner.Run("run", scenario, "--mechanism", mechanism, "--out", outDir, "--format", "json");

        Assert.True(exit == 0, output + err);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.Equal("converged", r.GetProperty("status").GetString());
        Assert.Equal(mechanism, r.GetProperty("mechanism").GetString());
        foreach (var field in new[] { "iterations", "primal_residual", "dual_residual", "messages" })
        {
            Assert.True(r.GetProperty(field).GetDouble() >= 0, field);
        }

        Assert.True(r.GetProperty("messages").GetInt64() > 0);
        var poolWelfare = pool.GetProperty("welfare_eur").GetDouble();
        Approx.Equal(poolWelfare, r.GetProperty("welfare_eur").GetDouble(), 1e-3 * Math.Max(1, Math.Abs(poolWelfare)), what: "welfare against the pool");
        foreach (var file in new[] { "prices.csv", "dispatch.csv", "trades.csv", "convergence.csv", "summary.json" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        }

        Assert.StartsWith("buyer,seller,slot,quantity,price", File.ReadAllText(Path.Combine(outDir, "trades.csv")), StringComparison.Ordinal);
        Assert.True(File.ReadAllLines(Path.Combine(outDir, "convergence.csv")).Length > 1);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("all")]
    public void Run_P2pWithAGivenGraph_ReachesThePoolWelfare(string partners)
    {
        var scenario = RepoPaths.InRepo("examples", "tiny", "scenario.json");
        var pool = JsonDocument.Parse(CliRunner.Run("run", scenario, "--grid", "copperplate", "--format", "json").Out).RootElement;

        var (exit, output, err) = CliRunner.Run("run", scenario, "--mechanism", "p2p", "--partners", partners, "--format", "json");

        Assert.True(exit == 0, output + err);
        var r = JsonDocument.Parse(output).RootElement;
        var poolWelfare = pool.GetProperty("welfare_eur").GetDouble();
        Approx.Equal(poolWelfare, r.GetProperty("welfare_eur").GetDouble(), 1e-3 * Math.Max(1, Math.Abs(poolWelfare)), what: $"welfare with --partners {partners}");
    }

    [Theory]
    [InlineData("community", "2")]
    [InlineData("p2p", "0")]
    [InlineData("p2p", "many")]
    public void Run_PartnersOutsideP2pOrNotACount_IsAUsageError(string mechanism, string partners)
    {
        var (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--mechanism", mechanism, "--partners", partners);

        Assert.Equal(2, exit);
        Assert.Contains("--partners", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void Run_DistributedMechanismWithANonlinearGridFormulation_IsAUsageError()
    {
        var (exit, _, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--mechanism", "p2p", "--grid", "ac");
        Assert.Equal(2, exit);
        Assert.Contains("lindistflow", err, StringComparison.Ordinal);
    }
}
