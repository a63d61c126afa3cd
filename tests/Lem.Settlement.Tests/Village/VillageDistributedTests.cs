using Lem.Grid.Formulations;
using Lem.Markets.Distributed;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Settlement.Billing;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Settlement.Tests.Village;

/// <summary>
/// The bundled village (57 households with PV, home batteries, EVs and heat pumps, a community battery; 96
/// quarter-hours) cleared by each distributed mechanism: it reaches the welfare of the centralised pool on copper
/// plate, and its result settles for every participant with the budget balanced to the cent.
/// </summary>
[Trait("Category", "Heavy")]
public sealed class VillageDistributedTests(ITestOutputHelper output)
{
    private static readonly Lazy<(Scenario Scenario, PoolResult Pool)> Village = new(() =>
    {
        var load = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json"));
        Assert.True(load.IsValid, string.Join("; ", load.Errors));
        var scenario = load.Scenario!;
        return (scenario, PoolClearing.Clear(scenario, new CopperPlateFormulation()));
    });

    [NativeTheory(NativeLibraries.Ipopt)]
    [InlineData(DistributedMechanism.Exchange)]
    [InlineData(DistributedMechanism.Community)]
    [InlineData(DistributedMechanism.P2p)]
    public void Village_ConvergesToThePoolWelfareOnCopperPlate_AndSettlesBalanced(DistributedMechanism mechanism)
    {
        var (scenario, pool) = Village.Value;
        Assert.Equal(PoolStatus.Optimal, pool.Status);

        var cleared = DistributedClearing.Run(scenario, mechanism);

        output.WriteLine($"{mechanism}: {cleared.Status} after {cleared.Iterations} iterations in {cleared.WallSeconds:0.0} s, r {cleared.PrimalResidual:g3}, s {cleared.DualResidual:g3}, {cleared.Messages} messages; welfare {cleared.WelfareEur} EUR vs pool {pool.WelfareEur} EUR");
        Assert.Equal(ConvergenceStatus.Converged, cleared.Status);
        var poolWelfare = (double)pool.WelfareEur;

        Approx.Equal(poolWelfare, (double)cleared.WelfareEur, 1e-3 * Math.Abs(poolWelfare), what: $"{mechanism} welfare against the pool");

        // Every member's schedule balances with the outside market in every slot.
        for (var t = 0; t < scenario.Horizon.Count; t++)
        {
            var members = cleared.Positions.Where(p => p.ParticipantId != DistributedOptions.Default.OutsideMarketId).Sum(p => p.NetInjectionKw[t]);
            Approx.Equal(0.0, members + cleared.ImportKw[t] - cleared.ExportKw[t], 0.5, what: $"balance in slot {t}");
        }

        var r = SettlementEngine.Settle(ScenarioSettlement.Request(scenario, AdmmMechanism.ToClearingResult(cleared, scenario)));
        Assert.Equal(58, r.Invoices.Count);
        Assert.True(r.Budget.IsBalanced);
        Assert.True(Math.Abs(r.Budget.OperatorResidualEur) < 1m, $"residual {r.Budget.OperatorResidualEur} EUR");
        Assert.Contains(r.Invoices.SelectMany(i => i.Lines), l => l.Code == "grid.energy.peak");
        Assert.Equal(CompensationStatus.Applied, r.Compensation.Status);
        Assert.Empty(r.Kpis.WorseOffAfterCompensation);
        if (mechanism == DistributedMechanism.P2p)
        {
            // Trades cover every position, and the local volume is the members' bilateral trades.
            Assert.DoesNotContain(r.Invoices.SelectMany(i => i.Lines), l => l.Code.StartsWith("energy.unmatched", StringComparison.Ordinal));
            var local = cleared.Trades.Where(t => t.BuyerId != "outside-market" && t.SellerId != "outside-market").Sum(t => t.QuantityKwh);
            Approx.Equal(local, r.Kpis.LocalTradedKwh, 1e-3, what: "local traded volume");
        }
    }
}
