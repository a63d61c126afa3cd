using Lem.Grid.Formulations;
using Lem.Markets.Distributed;
using Lem.Markets.Pool;
using Lem.Scenarios;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Markets.Tests.Distributed;

/// <summary>
/// The bundled village (57 households with PV, home batteries, EVs and heat pumps, a community battery; 96
/// quarter-hours) cleared by each distributed mechanism reaches the welfare of the centralised pool on copper plate.
/// </summary>
public sealed class VillageDistributedTests(ITestOutputHelper output)
{
    private static readonly Lazy<(Scenario Scenario, PoolResult Pool)> Village = new(() =>
    {
        var load = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json"));
        Assert.True(load.IsValid, string.Join("; ", load.Errors));
        var scenario = load.Scenario!;
        return (scenario, PoolClearing.Clear(scenario, new CopperPlateFormulation()));
    });

    [Theory]
    [InlineData(DistributedMechanism.Exchange)]
    [InlineData(DistributedMechanism.Community)]
    [InlineData(DistributedMechanism.P2p)]
    public void Village_ConvergesToThePoolWelfareOnCopperPlate(DistributedMechanism mechanism)
    {
        var (scenario, pool) = Village.Value;
        Assert.Equal(PoolStatus.Optimal, pool.Status);

        var result = DistributedClearing.Run(scenario, mechanism);

        output.WriteLine($"{mechanism}: {result.Status} after {result.Iterations} iterations in {result.WallSeconds:0.0} s, r {result.PrimalResidual:g3}, s {result.DualResidual:g3}, {result.Messages} messages; welfare {result.WelfareEur} EUR vs pool {pool.WelfareEur} EUR");
        Assert.Equal(ConvergenceStatus.Converged, result.Status);
        var poolWelfare = (double)pool.WelfareEur;
        Approx.Equal(poolWelfare, (double)result.WelfareEur, 1e-3 * Math.Abs(poolWelfare), what: $"{mechanism} welfare against the pool");

        // Every member's schedule balances with the outside market in every slot.
        for (var t = 0; t < scenario.Horizon.Count; t++)
        {
            var members = result.Positions.Where(p => p.ParticipantId != DistributedOptions.Default.OutsideMarketId).Sum(p => p.NetInjectionKw[t]);
            Approx.Equal(0.0, members + result.ImportKw[t] - result.ExportKw[t], 0.5, what: $"balance in slot {t}");
        }
    }
}
