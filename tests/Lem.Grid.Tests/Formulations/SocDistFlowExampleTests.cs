using Lem.Grid.Formulations;
using Lem.Grid.Opf;
using Lem.Grid.PowerFlow;
using Lem.Optimization;
using Lem.Testing;

namespace Lem.Grid.Tests.Formulations;

/// <summary>docs/formulations.md#soc-distflow: the SOC relaxation of the branch flow model on the 3-bus feeder, minimising the import.</summary>
public sealed class SocDistFlowExampleTests
{
    [Fact]
    public void RelaxationIsExactAndMatchesTheWorkedExampleAndTheSweep()
    {
        var network = LinDistFlowExampleNetworks.Feeder(vmMinPu: 0.8, withDer: false, importPrice: 1);
        var result = OptimalPowerFlow.Solve(network, new SocDistFlowFormulation());

        Assert.Equal(SolveStatus.Optimal, result.Status);
        var slot = Assert.IsType<SocDistFlowSlot>(result.Slot);
        var s = result.Solution;
        Approx.Equal(2.089391, s.Value(slot.BranchP[0]), 2e-6, what: "P01");
        Approx.Equal(0.878781, s.Value(slot.BranchQ[0]), 2e-6, what: "Q01");
        Approx.Equal(5.137809, s.Value(slot.SquaredCurrents[0]), 2e-6, what: "l01");
        Approx.Equal(1.238012, s.Value(slot.BranchP[1]), 2e-6, what: "P12");
        Approx.Equal(0.476025, s.Value(slot.BranchQ[1]), 2e-6, what: "Q12");
        Approx.Equal(1.900624, s.Value(slot.SquaredCurrents[1]), 2e-6, what: "l12");
        Approx.Equal(0.925630, s.Value(slot.SquaredVoltages[1]), 2e-6, what: "v1");
        Approx.Equal(0.841829, s.Value(slot.SquaredVoltages[2]), 2e-6, what: "v2");
        Approx.Equal(0.089391, result.LossesMw, 2e-6, what: "active losses");
        Approx.Equal(0.178781, slot.ReactiveLossesMvar(s), 2e-6, what: "reactive losses");

        var exactness = slot.Exactness(s);
        Assert.True(exactness.IsExact);
        Assert.True(exactness.MaxRelativeGap < 1e-6, $"relative gap {exactness.MaxRelativeGap}");

        var sweep = AcPowerFlow.Run(network);
        Assert.True(sweep.Converged);
        Assert.Equal(PowerFlowAlgorithm.BackwardForwardSweep, sweep.Algorithm);
        for (var i = 0; i < 3; i++)
        {
            Approx.Equal(sweep.Buses[i].VmPu, result.Buses[i].VmPu!.Value, 1e-6, what: $"|V{i}| against the sweep");
        }

        Approx.Equal(0.962097, result.Buses[1].VmPu!.Value, 1e-6);
        Approx.Equal(0.917512, result.Buses[2].VmPu!.Value, 1e-6);
        Approx.Equal(sweep.LossesMw, result.LossesMw, 1e-6, what: "losses against the sweep");
    }
}
