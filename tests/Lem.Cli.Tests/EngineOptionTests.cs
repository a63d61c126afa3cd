using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// <c>lem run --engine</c>'s usage rules (docs/cluster.md#running-silos): options that change the market or the agents
/// are refused with <c>--cluster</c>, whose silos rebuild both from the scenario file, before any cluster is joined.
/// </summary>
public sealed class EngineOptionTests
{
    private static readonly string Village = RepoPaths.InRepo("examples", "village", "scenario.json");

    [Theory]
    [InlineData("--redispatch", "--mechanism", "exchange", "--engine", "orleans", "--cluster", "Host=127.0.0.1;Port=1", "--redispatch", "iterative")]
    [InlineData("--redispatch", "--mechanism", "p2p", "--engine", "orleans", "--cluster", "Host=127.0.0.1;Port=1", "--redispatch", "bid-limits")]
    [InlineData("--silos applies", "--mechanism", "exchange", "--silos", "2")]
    [InlineData("--silos starts silos", "--mechanism", "exchange", "--engine", "orleans", "--silos", "2", "--cluster", "Host=127.0.0.1;Port=1")]
    [InlineData("--mechanism pool has none", "--mechanism", "pool", "--engine", "orleans")]
    public void Run_with_engine_options_that_do_not_fit_exits_two(string named, params string[] options)
    {
        var (exit, output, err) = CliRunner.Run(["run", Village, .. options]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(named, err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }
}
