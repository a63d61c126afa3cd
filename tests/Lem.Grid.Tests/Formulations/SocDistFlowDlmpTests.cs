using Lem.Grid.Formulations;
using Lem.Grid.Network;
using Lem.Grid.Opf;
using Lem.Grid.PowerFlow;
using Lem.Optimization;
using Lem.Testing;

namespace Lem.Grid.Tests.Formulations;

/// <summary>SOC DLMPs: the loss component from the exact branch flow sensitivities against the solver's duals and the AC power flow.</summary>
public sealed class SocDistFlowDlmpTests
{
    [Fact]
    public void LossComponentExplainsTheDualsAndMatchesAcMarginalLosses()
    {
        var network = TestGrids.Load("matpower", "case33bw.m");
        var result = OptimalPowerFlow.Solve(network, new SocDistFlowFormulation());
        Assert.Equal(SolveStatus.Optimal, result.Status);
        var slot = (SocDistFlowSlot)result.Slot;
        var dlmp = slot.DlmpFromSensitivities(result.Solution);

        // No thermal limit: what the loss and energy components leave of the dual (the "congestion") is solver noise.
        for (var i = 0; i < dlmp.Count; i++)
        {
            Approx.Equal(20, dlmp[i].EnergyEurPerMwh, 1e-5, what: $"energy at {dlmp[i].Bus}");
            Approx.Equal(0, dlmp[i].CongestionEurPerMwh, 1e-4, what: $"unexplained part at {dlmp[i].Bus}");
            Approx.Equal(0, dlmp[i].VoltageEurPerMwh, 1e-9, what: $"voltage at {dlmp[i].Bus}");
            Approx.Equal(result.Buses[i].LmpPerMwh, dlmp[i].TotalEurPerMwh, 1e-9);
        }

        // The loss component is 20 × the marginal loss of demand at the bus; compare with the AC power flow by central differences.
        foreach (var id in new[] { "2", "18", "33" })
        {
            var mlf = MarginalLossOfDemand(network, id, 1e-4);
            var dlmpAtBus = dlmp.Single(d => d.Bus == new BusId(id));
            Approx.Equal(20 * mlf, dlmpAtBus.LossEurPerMwh, 1e-4, what: $"loss component at bus {id}");
            Assert.True(dlmpAtBus.LossEurPerMwh > 0 || id == "2", $"loss component at bus {id} is {dlmpAtBus.LossEurPerMwh}");
        }
    }

    [Fact]
    public void VoltageComponentExplainsTheDualsWhenALowerLimitBinds()
    {
        var network = TestGrids.Load("matpower", "case33bw.m");
        network = network with
        {
            Buses = [.. network.Buses.Select(b => b.Type == BusType.Slack ? b : b with { VmMinPu = 0.93 })],
            Generators = [.. network.Generators, new Generator { Id = "der18", Bus = new BusId("18"), PMinMw = 0, PMaxMw = 3, QMinMvar = 0, QMaxMvar = 0 }],
            GeneratorCosts = [.. network.GeneratorCosts, new PolynomialCost { GeneratorId = "der18", Coefficients = [30, 0] }],
        };
        var result = OptimalPowerFlow.Solve(network, new SocDistFlowFormulation());

        Assert.Equal(SolveStatus.Optimal, result.Status);
        var slot = (SocDistFlowSlot)result.Slot;
        Assert.True(slot.IsExact(result.Solution));
        Assert.Contains(result.Buses, b => Math.Abs(b.VmPu!.Value - 0.93) < 1e-6);
        Approx.Equal(30, result.Bus(new BusId("18")).LmpPerMwh, 1e-4, what: "the marginal DER sets the price at its bus");
        var dlmp = slot.DlmpFromSensitivities(result.Solution);
        Assert.All(dlmp, d => Approx.Equal(0, d.CongestionEurPerMwh, 1e-3, what: $"unexplained part at {d.Bus}"));
        Assert.Contains(dlmp, d => d.VoltageEurPerMwh > 1);
    }

    /// <summary>∂(slack import)/∂(demand at the bus) − 1 by central differences of the AC power flow.</summary>
    private static double MarginalLossOfDemand(GridNetwork network, string bus, double deltaMw)
    {
        double Import(double extra)
        {
            var loads = network.Loads.Append(new Load { Id = "probe", Bus = new BusId(bus), PMw = extra }).ToList();
            var pf = AcPowerFlow.Run(network with { Loads = loads }, new PowerFlowOptions { TolerancePu = 1e-12 });
            Assert.True(pf.Converged);
            return pf.SlackPMw;
        }

        return ((Import(deltaMw) - Import(-deltaMw)) / (2 * deltaMw)) - 1;
    }
}
