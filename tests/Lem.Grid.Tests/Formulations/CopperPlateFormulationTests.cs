using Lem.Grid.Formulations;
using Lem.Grid.Indexing;
using Lem.Grid.Opf;
using Lem.Optimization;
using Lem.Testing;

namespace Lem.Grid.Tests.Formulations;

/// <summary><see cref="CopperPlateFormulation"/>: one balance per slot, one price at every bus, no voltages, flows or losses.</summary>
public sealed class CopperPlateFormulationTests
{
    [Fact]
    public void Describes_ItselfAsCopperPlateWithoutVoltages()
    {
        var f = new CopperPlateFormulation();

        Assert.Equal("copperplate", f.Name);
        Assert.False(f.HasVoltages);
        Assert.Null(f.CannotRepresent(NetworkIndex.Build(LinDistFlowExampleNetworks.Meshed3())));
        Assert.Equal("copperplate", CopperPlateFormulation.VirtualBusId.Value);
    }

    [Fact]
    public void AddSlot_ThreeBusExample_IgnoresTheLineLimitAndPricesEveryBusAlike()
    {
        // The docs/formulations.md#dc-b-theta data without the grid (docs/formulations.md#copper-plate): the cheap generator serves the whole 150 MW load.
        var index = NetworkIndex.Build(LinDistFlowExampleNetworks.Meshed3());
        var model = new OptimizationModel("copperplate");
        var g1 = model.AddVariable(0, 200);
        var g2 = model.AddVariable(0, 200);
        model.SetObjective(new LinearExpression().Add(g1, 10).Add(g2, 30));
        LinearExpression[] p = [new LinearExpression().Add(g1, 1), new LinearExpression().Add(g2, 1), new LinearExpression().AddConstant(-150)];
        LinearExpression[] q = [new(), new(), new LinearExpression().AddConstant(-50)];

        var slot = new CopperPlateFormulation().Prepare(index).AddSlot(model, 3, p, q);
        var solution = Solvers.For(model).Solve(model);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Assert.Equal(3, slot.Slot);
        Assert.Single(model.Constraints);
        Approx.Equal(1500, solution.Objective, 1e-6);
        Approx.Equal(150, solution.Value(g1), 1e-6);
        Assert.Equal([10.0, 10.0, 10.0], slot.ActivePrices(solution).Select(x => Math.Round(x, 6)));
        Assert.Null(slot.VoltageMagnitudesPu(solution));
        Assert.Null(slot.BranchFlowsMw(solution));
        Assert.Equal(0.0, slot.LossesMw(solution));
    }

    [Fact]
    public void AddSlot_PriceIsMarginalCostOfDemand()
    {
        // The dual sign: with the expensive generator marginal, one more MW of demand costs 30.
        var index = NetworkIndex.Build(LinDistFlowExampleNetworks.Meshed3());
        var model = new OptimizationModel("copperplate");
        var g1 = model.AddVariable(0, 100);
        var g2 = model.AddVariable(0, 200);
        model.SetObjective(new LinearExpression().Add(g1, 10).Add(g2, 30));
        LinearExpression[] p = [new LinearExpression().Add(g1, 1), new LinearExpression().Add(g2, 1).AddConstant(-20), new LinearExpression().AddConstant(-130)];

        var slot = new CopperPlateFormulation().Prepare(index).AddSlot(model, 0, p, [new(), new(), new()]);
        var solution = Solvers.For(model).Solve(model);

        Approx.Equal(50, solution.Value(g2), 1e-6);
        Approx.Equal(30, solution.Dual(slot.Balance), 1e-6);
    }

    [Fact]
    public void OptimalPowerFlow_ThreeBusOnCopperPlate_UniformLmp()
    {
        var result = OptimalPowerFlow.Solve(LinDistFlowExampleNetworks.Meshed3(), new CopperPlateFormulation());

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Approx.Equal(1500, result.ObjectivePerHour, 1e-6);
        Assert.All(result.Buses, b => Approx.Equal(10, b.LmpPerMwh, 1e-6));
        Assert.Equal(0.0, result.LossesMw);
    }

    [Fact]
    public void AddSlot_WrongNumberOfInjections_Throws()
    {
        var index = NetworkIndex.Build(LinDistFlowExampleNetworks.Meshed3());
        var model = new OptimizationModel("copperplate");

        Assert.Throws<ArgumentException>(() => new CopperPlateFormulation().Prepare(index).AddSlot(model, 0, [new LinearExpression()], []));
    }
}
