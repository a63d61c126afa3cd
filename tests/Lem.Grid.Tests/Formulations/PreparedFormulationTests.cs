using Lem.Grid.Formulations;
using Lem.Grid.Import;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Grid.Opf;
using Lem.Optimization;
using Lem.Testing;
using Lem.Testing.Formulations;

namespace Lem.Grid.Tests.Formulations;

/// <summary>
/// Preparation is pure and reusable (docs/formulations.md#preparation): slots added through one prepared formulation give
/// the same model, row by row and coefficient by coefficient, as slots added through a fresh preparation each, and a
/// prepared formulation used for one model builds the next one identically.
/// </summary>
public sealed class PreparedFormulationTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "copperplate", "meshed3" },
        { "dc", "meshed3" },
        { "dc", "case30" },
        { "dc", "village" },
        { "lindistflow", "village" },
        { "lindistflow-activepower", "village" },
        { "lindistflow", "case33bw" },
        { "soc", "village" },
        { "soc", "case33bw" },
        { "ac", "case9" },
        { "ac", "village" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SlotsThroughOnePreparation_EqualSlotsThroughAFreshPreparationEach(string formulationName, string networkName)
    {
        var network = Network(networkName);
        var formulation = Formulation(formulationName);
        var prepared = formulation.Prepare(NetworkIndex.Build(network));

        var fresh = new OptimizationModel("fresh");
        var once = new OptimizationModel("once");
        var again = new OptimizationModel("again");
        for (var slot = 0; slot < 3; slot++)
        {
            var (p, q) = Injections(fresh, prepared.Index, slot);
            formulation.Prepare(NetworkIndex.Build(network)).AddSlot(fresh, slot, p, q);
            (p, q) = Injections(once, prepared.Index, slot);
            prepared.AddSlot(once, slot, p, q);
        }

        for (var slot = 0; slot < 3; slot++)
        {
            var (p, q) = Injections(again, prepared.Index, slot);
            prepared.AddSlot(again, slot, p, q);
        }

        Assert.True(fresh.Constraints.Count + fresh.NonlinearConstraints.Count >= 3, "every slot added rows");
        ModelComparison.AssertSame(fresh, once);
        ModelComparison.AssertSame(fresh, again);
    }

    [Fact]
    public void LinDistFlow_SlotsShareThePreparedSensitivities_WhichEqualAFreshComputation()
    {
        var network = Network("village");
        var prepared = new LinDistFlowFormulation().Prepare(NetworkIndex.Build(network));
        var model = new OptimizationModel();
        var (p0, q0) = Injections(model, prepared.Index, 0);
        var slot0 = prepared.AddSlot(model, 0, p0, q0);
        var (p1, q1) = Injections(model, prepared.Index, 1);
        var slot1 = prepared.AddSlot(model, 1, p1, q1);

        Assert.Same(slot0.Sensitivities, slot1.Sensitivities);
        Assert.Same(prepared.Feeder, slot1.Feeder);
        var independent = new LinDistFlowSensitivities(DistributionFeeder.Build(NetworkIndex.Build(network)));
        var leaf = prepared.Feeder.Order[^1];
        var shared = slot1.Sensitivities.Of(leaf);
        var expected = independent.Of(leaf);
        Assert.Equal(expected.SlackP, shared.SlackP);
        Assert.Equal(expected.SquaredVoltage, shared.SquaredVoltage);
        Assert.Equal(expected.BranchP, shared.BranchP);
    }

    [Theory]
    [InlineData("dc")]
    [InlineData("lindistflow")]
    [InlineData("soc")]
    [InlineData("ac")]
    public void Prepare_OnANetworkItCannotRepresent_ThrowsWithTheReason(string formulationName)
    {
        var meshed = LinDistFlowExampleNetworks.Meshed3();
        var network = formulationName is "lindistflow" or "soc"
            ? meshed
            : meshed with { Buses = [.. meshed.Buses.Select(b => b with { Type = BusType.Pq })] };
        var formulation = Formulation(formulationName);
        var index = NetworkIndex.Build(network);

        var why = formulation.CannotRepresent(index);
        var thrown = Assert.Throws<ArgumentException>(() => formulation.Prepare(index));

        Assert.NotNull(why);
        Assert.StartsWith(why, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptimalPowerFlow_PreparesOnce_AndAddsOneSlot()
    {
        var counting = new CountingFormulation(new DcFormulation());

        var counted = OptimalPowerFlow.Solve(LinDistFlowExampleNetworks.Meshed3(), counting);
        var direct = OptimalPowerFlow.Solve(LinDistFlowExampleNetworks.Meshed3(), new DcFormulation());

        Assert.Equal(1, counting.Preparations);
        Assert.Equal(1, counting.SlotsAdded);
        Assert.Equal(direct.ObjectivePerHour, counted.ObjectivePerHour);
    }

    /// <summary>Injections of a slot: a generator of up to 10 kW and a slot-dependent load at every bus, MW and Mvar.</summary>
    private static (LinearExpression[] P, LinearExpression[] Q) Injections(OptimizationModel model, NetworkIndex index, int slot)
    {
        var n = index.BusCount;
        var p = new LinearExpression[n];
        var q = new LinearExpression[n];
        for (var i = 0; i < n; i++)
        {
            var g = model.AddVariable(0, 0.01, $"g[{slot},{i}]");
            var load = 0.001 * (1 + (i % 5)) * (1 + (0.1 * slot));
            p[i] = new LinearExpression().Add(g, 1.0).AddConstant(-load);
            q[i] = new LinearExpression().AddConstant(-0.3 * load);
        }

        return (p, q);
    }

    private static IGridFormulation Formulation(string name) => name switch
    {
        "lindistflow-activepower" => new LinDistFlowFormulation(LinDistFlowThermalLimit.ActivePower),
        _ => GridFormulations.ByName(name),
    };

    private static GridNetwork Network(string name) => name switch
    {
        "meshed3" => LinDistFlowExampleNetworks.Meshed3(),
        "village" => Village.Value,
        _ => TestGrids.Load("matpower", $"{name}.m"),
    };

    private static readonly Lazy<GridNetwork> Village = new(() =>
    {
        var result = GridImporter.Import(RepoPaths.InRepo("examples", "village", "kerber_dorfnetz.json"));
        Assert.Empty(result.Errors);
        return result.Network!;
    });
}
