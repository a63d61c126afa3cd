using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Pipeline;
using Lem.Scenarios;

namespace Lem.Cluster;

/// <summary>
/// A run's market and options rebuilt from its scenario file where the run's grains are (docs/cluster.md#running-silos):
/// the scenario as <c>lem run</c> loads it, the tariffs when the run clears tariff-aware, the run's partners and grid.
/// </summary>
internal static class ScenarioRebuild
{
    /// <summary>The scenario of <paramref name="path"/>, the distributed mechanism and the options its agents get.</summary>
    /// <exception cref="InvalidOperationException">When the scenario does not load or the mechanism is not a distributed one.</exception>
    public static (Scenario Scenario, AdmmMechanism Mechanism, DistributedOptions Options) Load(string path, string mechanism, bool tariffAware, int? partners, string gridFormulation)
    {
        var loaded = ScenarioReader.Load(path);
        if (!loaded.IsValid)
        {
            throw new InvalidOperationException($"Scenario '{path}' does not load: {string.Join("; ", loaded.Errors.Select(e => $"{e.Path}: {e.Message}"))}");
        }

        var admm = ClearingMechanisms.Get(mechanism) as AdmmMechanism ?? throw new InvalidOperationException($"Mechanism '{mechanism}' is not a distributed (ADMM) mechanism.");
        var scenario = loaded.Scenario!;
        var tariffs = ClearingPipeline.TariffsFor(scenario, new PipelineRequest(mechanism) { TariffAware = tariffAware }, admm);
        return (scenario, admm, DistributedOptions.Default with { Tariffs = tariffs, PartnersPerAgent = partners, GridFormulation = gridFormulation });
    }
}
