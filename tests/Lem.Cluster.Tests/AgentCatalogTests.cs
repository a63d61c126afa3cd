using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Scenarios;
using Lem.Testing;

namespace Lem.Cluster.Tests;

/// <summary>
/// What a silo of another process does (docs/cluster.md#agents-as-grains): every agent, the grid agent included, rebuilt
/// by <see cref="AgentCatalog"/> from the scenario file alone. The tiny scenario cleared on LinDistFlow with all its
/// agents rebuilt that way ends exactly as the in-process run, which builds them from the market in memory.
/// </summary>
public sealed class AgentCatalogTests
{
    private static readonly string Tiny = RepoPaths.InRepo("examples", "tiny", "scenario.json");

    [Theory]
    [InlineData("exchange")]
    [InlineData("p2p")]
    public void Agents_and_the_grid_agent_rebuilt_from_the_scenario_file_clear_as_in_process(string mechanism)
    {
        var loaded = ScenarioReader.Load(Tiny);
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var admm = (AdmmMechanism)ClearingMechanisms.Get(mechanism);
        var options = DistributedOptions.Default with { GridFormulation = "lindistflow" };
        var inProcess = admm.Run(loaded.Scenario!, options);

        var host = new RebuildingHost(mechanism, options.GridFormulation);
        var rebuilt = admm.Run(loaded.Scenario!, options with { AgentHost = host });

        Assert.Contains(Lem.Markets.Distributed.Grid.GridAgent.OperatorId, host.Hosted);
        Assert.Equal("lindistflow", rebuilt.Formulation);
        Assert.Equal(inProcess.Iterations, rebuilt.Iterations);
        Assert.Equal(inProcess.WelfareEur, rebuilt.WelfareEur);
        Assert.Equal(inProcess.BusPricesEurPerMwh.Count, rebuilt.BusPricesEurPerMwh.Count);
        for (var t = 0; t < inProcess.BusPricesEurPerMwh.Count; t++)
        {
            Assert.Equal(inProcess.BusPricesEurPerMwh[t], rebuilt.BusPricesEurPerMwh[t]);
        }
    }

    /// <summary>A host that ignores the run's builders and rebuilds every agent from the scenario file, as a remote silo does.</summary>
    private sealed class RebuildingHost(string mechanism, string grid) : IAgentHost
    {
        private readonly AgentCatalog _catalog = new();

        public List<string> Hosted { get; } = [];

        public IAgent Host(string agentId, Func<IAgent> build)
        {
            Hosted.Add(agentId);
            return _catalog.Build(new AgentSpec("rebuild", agentId, mechanism, Tiny, TariffAware: false, PartnersPerAgent: null, GridFormulation: grid));
        }
    }
}
