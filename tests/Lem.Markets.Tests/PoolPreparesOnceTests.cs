using Lem.Grid.Formulations;
using Lem.Markets.Pool;
using Lem.Scenarios;
using Lem.Testing;
using Lem.Testing.Formulations;

namespace Lem.Markets.Tests;

/// <summary>A clearing prepares its grid formulation once (docs/formulations.md#preparation), however many models it builds.</summary>
public sealed class PoolPreparesOnceTests
{
    [Theory]
    [InlineData("lindistflow")]
    [InlineData("dc")]
    public void Clear_Tiny_PreparesOnceAndAddsEverySlot_WithTheSameResult(string formulation)
    {
        var result = ScenarioReader.Load(RepoPaths.InRepo("examples", "tiny", "scenario.json"));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var scenario = result.Scenario!;
        var counting = new CountingFormulation(GridFormulations.ByName(formulation));

        var counted = PoolClearing.Clear(scenario, counting);
        var direct = PoolClearing.Clear(scenario, GridFormulations.ByName(formulation));

        Assert.Equal(PoolStatus.Optimal, counted.Status);
        Assert.Equal(1, counting.Preparations);
        Assert.Equal(scenario.Horizon.Count, counting.SlotsAdded);
        Assert.Equal(direct.WelfareEur, counted.WelfareEur);
        for (var t = 0; t < scenario.Horizon.Count; t++)
        {
            Assert.Equal(direct.Slots[t].PricesEurPerMwh, counted.Slots[t].PricesEurPerMwh);
        }
    }

    [Fact]
    public void Clear_WithBinariesAgainstSimultaneousCharging_BuildsTwoModelsFromOnePreparation()
    {
        var scenario = PoolStorageTests.NegativePriceScenario();
        var counting = new CountingFormulation(new CopperPlateFormulation());

        var r = PoolClearing.Clear(scenario, counting);

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Assert.True(r.SimultaneousChargingPrevented);
        Assert.Equal(1, counting.Preparations);
        Assert.Equal(2 * scenario.Horizon.Count, counting.SlotsAdded); // the LP, then the model with binaries
    }
}
