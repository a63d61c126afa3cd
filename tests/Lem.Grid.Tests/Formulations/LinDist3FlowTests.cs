using Lem.Grid.Formulations;
using Lem.Grid.Indexing;
using Lem.Grid.Opf;
using Lem.Grid.ThreePhase;
using Lem.Optimization;
using Lem.Testing;

namespace Lem.Grid.Tests.Formulations;

/// <summary>
/// LinDist3Flow (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices): the §15 worked example, the balanced
/// case against single-phase LinDistFlow (a second formulation), and per-phase DLMPs against finite differences.
/// </summary>
public sealed class LinDist3FlowTests
{
    private const double PhaseVoltageV = 400 / 1.7320508075688772;

    [Fact]
    public void WorkedExampleGivesTheLinearisedVoltagesWithinOfTheExactOnes()
    {
        var index = NetworkIndex.Build(LinDist3FlowNetworks.WorkedExample());
        var prepared = new LinDist3FlowFormulation().Prepare(index);
        var model = new OptimizationModel("example");
        var injections = new PhaseInjections(index.BusCount);
        var load = index.IndexOf(new BusId("load"));
        var source = index.IndexOf(new BusId("source"));
        injections.ActiveMw(load, Phase.A).AddConstant(-0.010);
        injections.ReactiveMvar(load, Phase.A).AddConstant(-0.003287);
        injections.ActiveMw(load, Phase.B).AddConstant(-0.005);
        injections.ReactiveMvar(load, Phase.B).AddConstant(-0.001643);
        var import = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, "import");
        var importQ = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, "importQ");
        injections.Add(source, PhaseConnection.Abc, new LinearExpression().Add(import, 1), new LinearExpression().Add(importQ, 1));
        var slot = prepared.AddSlot(model, 0, injections);
        model.SetObjective(new LinearExpression().Add(import, 1));

        var solution = Solvers.For(model).Solve(model);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        var vm = slot.PhaseVoltageMagnitudesPu(solution)[load].Select(v => v * PhaseVoltageV).ToArray();

        // docs/three-phase.md (FORMULATIONS §15): LinDist3Flow 212.813 / 226.534 / 237.917 V; exact 212.025767 / 227.177075 / 238.224422 V.
        double[] linearised = [212.813, 226.534, 237.917];
        double[] exact = [212.025767, 227.177075, 238.224422];
        for (var phi = 0; phi < 3; phi++)
        {
            Approx.Equal(linearised[phi], vm[phi], 1e-3, what: $"LinDist3Flow |V| phase {phi}");
            Assert.True(Math.Abs(vm[phi] - exact[phi]) <= 0.8, $"phase {phi}: {vm[phi]} V is more than 0.8 V from the exact {exact[phi]} V");
        }

        Approx.Equal(0.015, solution.Value(import), 1e-12, what: "import = the loads (lossless)");
    }

    [Theory]
    [InlineData(0.9, null)]
    [InlineData(0.95, null)]
    [InlineData(0.9, 0.025)]
    public void BalancedNetworkGivesTheSingePhaseLinDistFlowOnEveryPhase(double vmMinPu, double? ratingMva12)
    {
        var network = LinDist3FlowNetworks.DynFeeder(vmMinPu, ratingMva12);
        var single = OptimalPowerFlow.Solve(network, new LinDistFlowFormulation());
        var three = OptimalPowerFlow.Solve(network, new LinDist3FlowFormulation());

        Assert.Equal(SolveStatus.Optimal, single.Status);
        Assert.Equal(SolveStatus.Optimal, three.Status);
        Approx.Equal(single.ObjectivePerHour, three.ObjectivePerHour, 1e-6, what: "cost");
        var slot = Assert.IsType<LinDist3FlowSlot>(three.Slot);
        var vm = slot.PhaseVoltageMagnitudesPu(three.Solution);
        var prices = slot.PhaseActivePrices(three.Solution);
        for (var i = 0; i < single.Buses.Count; i++)
        {
            for (var phi = 0; phi < 3; phi++)
            {
                Approx.Equal(single.Buses[i].VmPu!.Value, vm[i][phi], 1e-7, what: $"|V| bus {single.Buses[i].Id} phase {phi}");
            }

            // A balanced injection prices the mean of the phases (the phase prices alone are degenerate when every phase binds).
            Approx.Equal(single.Buses[i].LmpPerMwh, prices[i].Average(), 1e-5, what: $"price bus {single.Buses[i].Id}");
            Approx.Equal(single.Buses[i].LmpPerMwh, three.Buses[i].LmpPerMwh, 1e-5, what: $"balanced price bus {single.Buses[i].Id}");
        }

        for (var k = 0; k < single.Branches.Count; k++)
        {
            Approx.Equal(single.Branches[k].PFromMw, three.Branches[k].PFromMw, 1e-7, what: $"flow {single.Branches[k].Id}");
        }
    }

    [Theory]
    [InlineData(false, null, false)]
    [InlineData(true, null, false)]
    [InlineData(false, 0.03, false)]
    [InlineData(true, 0.03, true)]
    public void PhaseDlmpsAreTheFiniteDifferenceOfTheOptimalCost(bool voltageFloor, double? ratingMva12, bool unbalanceLimit)
    {
        // The floor is put 0.005 p.u. above the lowest phase voltage without limits, so that it binds.
        var formulation = new LinDist3FlowFormulation(maxUnbalancePercent: unbalanceLimit ? 2.0 : null);
        var free = NetworkIndex.Build(LinDist3FlowNetworks.DynFeeder(0.5, null, withLoads: false));
        var (_, freeSlot, freeSolution) = SolveUnbalanced(free, new LinDist3FlowFormulation(), null);
        var lowest = freeSlot.PhaseVoltageMagnitudesPu(freeSolution).SelectMany(v => v).Min();
        var vmMinPu = voltageFloor ? lowest + 0.005 : 0.5;
        var index = NetworkIndex.Build(LinDist3FlowNetworks.DynFeeder(vmMinPu, ratingMva12, withLoads: false));
        var (cost, slot, solution) = SolveUnbalanced(index, formulation, null);
        var prices = slot.PhaseActivePrices(solution);
        var dlmps = slot.PhaseDlmps(solution);
        const double Epsilon = 1e-5;
        var binding = 0;
        for (var i = 0; i < index.BusCount; i++)
        {
            for (var phi = 0; phi < 3; phi++)
            {
                var (shifted, _, _) = SolveUnbalanced(index, formulation, (i, (Phase)phi, Epsilon));
                var difference = (shifted - cost) / Epsilon;
                Approx.Equal(difference, prices[i][phi], 1e-4, 1e-4, what: $"price bus {index.BusIds[i]} phase {phi}");
                Approx.Equal(prices[i][phi], dlmps[i][phi].TotalEurPerMwh, 1e-6, 1e-9, what: $"decomposition bus {index.BusIds[i]} phase {phi}");
                Approx.Equal(0, dlmps[i][phi].LossEurPerMwh, 1e-9, what: "no shunt elements, no loss part");
                binding += Math.Abs(prices[i][phi] - prices[0][0]) > 1e-3 ? 1 : 0;
            }
        }

        if (voltageFloor || ratingMva12 is not null)
        {
            Assert.True(binding > 0, "a limit binds, so some phase price differs from the energy price");
        }
    }

    /// <summary>Unbalanced loads (2a 12 kW, 2c 4 kW, 3b 10 kW, 3abc 6 kW, pf 0.95) and a phase-a DER (0–12 kW) at bus 2; optional extra load.</summary>
    private static (double Cost, LinDist3FlowSlot Slot, Solution Solution) SolveUnbalanced(NetworkIndex index, LinDist3FlowFormulation formulation, (int Bus, Phase Phase, double Mw)? extra)
    {
        var prepared = formulation.Prepare(index);
        var model = new OptimizationModel("unbalanced");
        var injections = new PhaseInjections(index.BusCount);
        int mv = index.IndexOf(new BusId("mv")), b2 = index.IndexOf(new BusId("2")), b3 = index.IndexOf(new BusId("3"));
        var tan = Math.Tan(Math.Acos(0.95));
        void Load(int bus, PhaseConnection c, double mw) => injections.Add(bus, c, new LinearExpression().AddConstant(-mw), new LinearExpression().AddConstant(-mw * tan));
        Load(b2, PhaseConnection.A, 0.012);
        Load(b2, PhaseConnection.C, 0.004);
        Load(b3, PhaseConnection.B, 0.010);
        Load(b3, PhaseConnection.Abc, 0.006);
        if (extra is { } e)
        {
            injections.ActiveMw(e.Bus, e.Phase).AddConstant(-e.Mw);
        }

        var import = model.AddVariable(-10, 10, "import");
        var importQ = model.AddVariable(-10, 10, "importQ");
        injections.Add(mv, PhaseConnection.Abc, new LinearExpression().Add(import, 1), new LinearExpression().Add(importQ, 1));
        var der = model.AddVariable(0, 0.012, "der");
        injections.ActiveMw(b2, Phase.A).Add(der, 1);
        var slot = prepared.AddSlot(model, 0, injections);
        model.SetObjective(new LinearExpression().Add(import, 40).Add(der, 60));
        var solution = Solvers.For(model).Solve(model);
        Assert.Equal(SolveStatus.Optimal, solution.Status);
        return (solution.Objective, slot, solution);
    }
}
