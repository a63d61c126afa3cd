using Lem.Grid.Formulations;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Markets.Tests;

/// <summary>The bundled examples clear with plausible results on every linear formulation.</summary>
public sealed class PoolExampleTests(ITestOutputHelper output)
{
    private static readonly Lazy<Scenario> Tiny = new(() => Load("tiny"));
    private static readonly Lazy<Scenario> Village = new(() => Load("village"));

    public static TheoryData<string> Formulations => ["copperplate", "dc", "lindistflow"];

    [Theory]
    [MemberData(nameof(Formulations))]
    public void Clear_Tiny_PlausibleResults(string formulation)
    {
        var scenario = Tiny.Value;
        var r = PoolClearing.Clear(scenario, Formulation(formulation));

        PoolChecks.All(scenario, r);
        Report(r);
        Assert.Equal(formulation, r.FormulationName);
        Assert.Equal(["0", "1", "2"], r.BusIds.Select(b => b.Value));

        // Prices lie between the export and the import price where the exchange with the outside is not at a limit.
        var m = scenario.OutsideMarket;
        for (var t = 0; t < scenario.Horizon.Count; t++)
        {
            foreach (var p in r.Slots[t].PricesEurPerMwh)
            {
                Assert.InRange(p, m.WholesaleExportEurPerMwh[t] - 1e-6, m.WholesaleImportEurPerMwh[t] + 1e-6);
            }
        }

        // Anna's bid in slot 2 (1 kWh at 150 and 0.4 kWh at 90 EUR/MWh) is above the import price of 64.3: all of it is accepted.
        var bid = Assert.Single(r.Orders);
        Assert.Equal(2, bid.Slot);
        Approx.Equal(1.0, bid.AcceptedKwh[0], 1e-6);
        Approx.Equal(0.4, bid.AcceptedKwh[1], 1e-6);
    }

    [Trait("Category", "Heavy")]
    [Theory]
    [MemberData(nameof(Formulations))]
    public void Clear_Village_PlausibleResults(string formulation)
    {
        var scenario = Village.Value;
        var r = PoolClearing.Clear(scenario, Formulation(formulation));

        PoolChecks.All(scenario, r);
        Report(r);
        Assert.Equal(96, r.Slots.Count);
        Assert.Equal(scenario.Participants.Count, r.Participants.Count);
        Assert.Equal(scenario.Participants.Sum(p => p.Assets.Count), r.Assets.Count);
        Assert.True(r.WelfareEur < 0, "the village buys more energy than it sells on a summer day, at wholesale prices");
        Assert.True(r.ImportMwh > 0 && r.ExportMwh > 0, "it imports at night and exports PV at noon");
        Assert.All(r.Slots, s => Assert.Equal(PriceSource.Dual, s.PriceSource)); // batteries couple every slot
        Assert.All(r.Slots, s => Assert.All(s.PricesEurPerMwh, p => Assert.InRange(p, -500, 4000)));
        if (formulation == "lindistflow")
        {
            Assert.All(r.Slots, s => Assert.Equal(r.BusIds.Count, s.VoltagesPu!.Count));
            Assert.All(r.Slots, s => Assert.All(s.VoltagesPu!, v => Assert.InRange(v, 0.85, 1.15)));
            Assert.All(r.Slots, s => Assert.Equal(r.BranchIds.Count, s.BranchFlowsMw!.Count));
        }
        else if (formulation == "dc")
        {
            Assert.All(r.Slots, s => Assert.Null(s.VoltagesPu));
            Assert.All(r.Slots, s => Assert.Equal(r.BranchIds.Count, s.BranchFlowsMw!.Count));
        }
        else
        {
            Assert.All(r.Slots, s => Assert.Null(s.VoltagesPu));
            Assert.All(r.Slots, s => Assert.Null(s.BranchFlowsMw));
            Assert.All(r.Slots, s => Assert.Single(s.PricesEurPerMwh.Distinct()));
        }
    }

    [Fact]
    public void Clear_VillageWithoutGrid_SameWelfareAsCopperPlateOnTheGrid()
    {
        var scenario = Village.Value;
        var noGrid = scenario with
        {
            Grid = null,
            Participants = [.. scenario.Participants.Select(p => p with { Bus = null })],
            OutsideMarket = scenario.OutsideMarket with { ConnectionBus = null },
        };

        var onGrid = PoolClearing.Clear(scenario, new CopperPlateFormulation());
        var virtualBus = PoolClearing.Clear(noGrid, new CopperPlateFormulation());

        PoolChecks.All(noGrid, virtualBus);
        Assert.Equal([CopperPlateFormulation.VirtualBusId], virtualBus.BusIds);
        Assert.All(virtualBus.Participants, p => Assert.Equal(CopperPlateFormulation.VirtualBusId, p.Bus));
        Approx.Equal((double)onGrid.WelfareEur, (double)virtualBus.WelfareEur, 1e-6);
    }

    private static IGridFormulation Formulation(string name) => name switch
    {
        "copperplate" => new CopperPlateFormulation(),
        "dc" => new DcFormulation(),
        "lindistflow" => new LinDistFlowFormulation(),
        _ => throw new ArgumentException(name),
    };

    private static Scenario Load(string example)
    {
        var result = ScenarioReader.Load(RepoPaths.InRepo("examples", example, "scenario.json"));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Scenario!;
    }

    private void Report(PoolResult r)
    {
        var s = r.Statistics;
        output.WriteLine($"{r.ScenarioName} on {r.FormulationName}: {s.Variables} variables, {s.Constraints} constraints, {s.Binaries} binaries, {s.Solves} solves, build {s.BuildSeconds * 1000:0.0} ms, solve {s.SolveSeconds * 1000:0.0} ms ({s.SolverName}); welfare {r.WelfareEur:0.00} EUR, import {r.ImportMwh:0.000} MWh, export {r.ExportMwh:0.000} MWh");
        foreach (var w in r.Warnings)
        {
            output.WriteLine("warning: " + w);
        }
    }
}
