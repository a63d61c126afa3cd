using System.Diagnostics;
using System.Text.Json;
using Lem.Grid.Formulations;
using Lem.Grid.Opf;
using Lem.Grid.PowerFlow;
using Lem.Optimization;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Grid.Tests.Opf;

/// <summary>LinDistFlow and SOC OPF on radial MATPOWER feeders against the AC power flow.</summary>
public sealed class DistFlowOpfTests(ITestOutputHelper output)
{
    [SharedFact(NativeLibraries.Ipopt)]
    public void SocOnCase33bwIsExactAndReproducesTheAcPowerFlow()
    {
        var network = TestGrids.Load("matpower", "case33bw.m");
        var result = OptimalPowerFlow.Solve(network, new SocDistFlowFormulation());
        output.WriteLine($"case33bw SOC OPF: {result.SolverName}, solver {result.SolverSeconds * 1e3:F1} ms, total {result.TotalSeconds * 1e3:F1} ms");

        Assert.Equal(SolveStatus.Optimal, result.Status);
        var slot = Assert.IsType<SocDistFlowSlot>(result.Slot);
        var exactness = slot.Exactness(result.Solution);
        output.WriteLine($"max relative gap {exactness.MaxRelativeGap:E2}, max absolute gap {exactness.MaxAbsoluteGapPu:E2} p.u.²");
        Assert.True(exactness.IsExact, $"relative gap {exactness.MaxRelativeGap}");

        var pf = AcPowerFlow.Run(network);
        Assert.True(pf.Converged);
        var worst = 0.0;
        foreach (var bus in pf.Buses)
        {
            var difference = Math.Abs(bus.VmPu - result.Bus(bus.Id).VmPu!.Value);
            worst = Math.Max(worst, difference);
            Assert.True(difference <= 1e-4, $"|V| at bus {bus.Id}: power flow {bus.VmPu}, SOC {result.Bus(bus.Id).VmPu}");
        }

        output.WriteLine($"max |V| difference to the AC power flow {worst:E2} p.u.; losses SOC {result.LossesMw:F6} MW, AC {pf.LossesMw:F6} MW");
        using var expected = JsonDocument.Parse(File.ReadAllText(RepoPaths.Grid("expected", "case33bw_pf.json")));
        var referenceLosses = expected.RootElement.GetProperty("total_series_losses_MW").GetDouble();
        Approx.Equal(referenceLosses, result.LossesMw, relTol: 1e-3, absTol: 0, what: "series losses");
        Approx.Equal(pf.SlackPMw, result.Generators.Single().PMw, 1e-4, what: "slack import");
        Approx.Equal(20 * result.Generators.Single().PMw, result.ObjectivePerHour, 1e-6, what: "objective");
    }

    [SharedFact]
    public void LinDistFlowOnCase33bwIsWithinOnePercentOfTheAcPowerFlow()
    {
        var network = TestGrids.Load("matpower", "case33bw.m");
        var result = OptimalPowerFlow.Solve(network, new LinDistFlowFormulation());
        output.WriteLine($"case33bw LinDistFlow OPF: {result.SolverName}, solver {result.SolverSeconds * 1e3:F1} ms, total {result.TotalSeconds * 1e3:F1} ms");

        Assert.Equal(SolveStatus.Optimal, result.Status);
        var pf = AcPowerFlow.Run(network);
        var worst = pf.Buses.Max(b => Math.Abs(b.VmPu - result.Bus(b.Id).VmPu!.Value));
        output.WriteLine($"max |V| difference to the AC power flow {worst:E2} p.u.");
        Assert.True(worst <= 0.01, $"max |V| difference {worst}");
        Approx.Equal(network.TotalLoadPMw, result.Generators.Single().PMw, 1e-6, what: "lossless import");

        // Uncongested, lossless, no binding voltage limit: every DLMP is the energy price, both ways.
        var slot = (LinDistFlowSlot)result.Slot;
        var lmp = result.Buses.Select(b => b.LmpPerMwh).ToArray();
        Formulations.LinDistFlowExampleTests.AssertSame(slot.DlmpFromDuals(result.Solution), slot.DlmpFromSensitivities(result.Solution), lmp);
        Assert.All(lmp, p => Approx.Equal(20, p, 1e-6));
    }

    [SharedFact]
    public void LinDistFlowDlmpsAgreeOnCase33bwWithBindingVoltageLimits()
    {
        // Raise the lower voltage limit to 0.93 p.u. and let a 30/MWh generator at bus 18 (the feeder's end) support it.
        var network = TestGrids.Load("matpower", "case33bw.m");
        network = network with
        {
            Buses = [.. network.Buses.Select(b => b.Type == Network.BusType.Slack ? b : b with { VmMinPu = 0.93 })],
            Generators = [.. network.Generators, new Network.Generator { Id = "der18", Bus = new BusId("18"), PMinMw = 0, PMaxMw = 3, QMinMvar = 0, QMaxMvar = 0 }],
            GeneratorCosts = [.. network.GeneratorCosts, new Network.PolynomialCost { GeneratorId = "der18", Coefficients = [30, 0] }],
        };
        var result = OptimalPowerFlow.Solve(network, new LinDistFlowFormulation());

        Assert.Equal(SolveStatus.Optimal, result.Status);
        var slot = (LinDistFlowSlot)result.Slot;
        var fromDuals = slot.DlmpFromDuals(result.Solution);
        var lmp = result.Buses.Select(b => b.LmpPerMwh).ToArray();
        Formulations.LinDistFlowExampleTests.AssertSame(fromDuals, slot.DlmpFromSensitivities(result.Solution), lmp);
        Approx.Equal(30, result.Bus(new BusId("18")).LmpPerMwh, 1e-6, what: "the marginal DER sets the price at its bus");
        Assert.Contains(fromDuals, d => d.VoltageEurPerMwh > 1);
        Assert.All(fromDuals, d => Approx.Equal(20, d.EnergyEurPerMwh, 1e-6));
    }

    [SharedFact(NativeLibraries.Ipopt)]
    public void SocResultDoesNotDependOnThePowerBaseOfTheModel()
    {
        var network = TestGrids.Load("matpower", "case33bw.m");
        var onNetworkBase = OptimalPowerFlow.Solve(network, new SocDistFlowFormulation());
        var onOneMva = OptimalPowerFlow.Solve(network, new SocDistFlowFormulation(powerBaseMva: 1.0));

        Assert.Equal(10.0, ((SocDistFlowSlot)onNetworkBase.Slot).PerUnit.PowerBaseMva);
        Assert.Equal(1.0, ((SocDistFlowSlot)onOneMva.Slot).PerUnit.PowerBaseMva);
        Approx.Equal(onNetworkBase.ObjectivePerHour, onOneMva.ObjectivePerHour, relTol: 1e-7, what: "objective");
        Approx.Equal(onNetworkBase.LossesMw, onOneMva.LossesMw, 1e-6, what: "losses (MW)");
        for (var i = 0; i < onNetworkBase.Buses.Count; i++)
        {
            Approx.Equal(onNetworkBase.Buses[i].VmPu!.Value, onOneMva.Buses[i].VmPu!.Value, 1e-7);
            Approx.Equal(onNetworkBase.Buses[i].LmpPerMwh, onOneMva.Buses[i].LmpPerMwh, 1e-4);
        }
    }

    [Trait("Category", "Heavy")]
    [SharedFact(NativeLibraries.Ipopt)]
    public void SocOnALowVoltageFeederWithAHundredMvaBaseIsRebasedAndExact()
    {
        // The IEEE European LV feeder: 907 buses, ≈ 3 kW of load on a 100 MVA base.
        var network = TestGrids.Load("pandapower", "ieee_european_lv_asymmetric_off_peak_1.json");
        var options = new OpfOptions { ExternalGridPricePerMwh = 50 };
        var result = OptimalPowerFlow.Solve(network, new SocDistFlowFormulation(), options);
        output.WriteLine($"ieee_european_lv SOC: {result.SolverName} solver {result.SolverSeconds:F2} s, total {result.TotalSeconds:F2} s");

        Assert.Equal(SolveStatus.Optimal, result.Status);
        var slot = (SocDistFlowSlot)result.Slot;
        Assert.Equal(0.01, slot.PerUnit.PowerBaseMva, 12);
        Assert.True(slot.IsExact(result.Solution));
        var pf = AcPowerFlow.Run(network);
        Assert.True(pf.Converged);
        Assert.All(pf.Buses, b => Approx.Equal(b.VmPu, result.Bus(b.Id).VmPu!.Value, 1e-5, what: $"|V| at {b.Id}"));
        Approx.Equal(pf.SlackPMw, result.ExternalGrids.Single().PMw, 1e-7, what: "import (MW)");
    }

    [SharedTheory(NativeLibraries.Ipopt)]
    [InlineData("case33bw.m")]
    [InlineData("case141.m")]
    public void DistFlowTimings(string file)
    {
        var network = TestGrids.Load("matpower", file);
        var watch = Stopwatch.StartNew();
        var lin = OptimalPowerFlow.Solve(network, new LinDistFlowFormulation());
        var linMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var soc = OptimalPowerFlow.Solve(network, new SocDistFlowFormulation());
        var socMs = watch.Elapsed.TotalMilliseconds;
        var pf = AcPowerFlow.Run(network);

        Assert.Equal(SolveStatus.Optimal, lin.Status);
        Assert.Equal(SolveStatus.Optimal, soc.Status);
        var exactness = ((SocDistFlowSlot)soc.Slot).Exactness(soc.Solution);
        var linWorst = pf.Buses.Max(b => Math.Abs(b.VmPu - lin.Bus(b.Id).VmPu!.Value));
        var socWorst = pf.Buses.Max(b => Math.Abs(b.VmPu - soc.Bus(b.Id).VmPu!.Value));
        output.WriteLine($"{file}: LinDistFlow {lin.SolverName} {linMs:F1} ms (solver {lin.SolverSeconds * 1e3:F1} ms), max |ΔV| {linWorst:E2}; " +
            $"SOC {soc.SolverName} {socMs:F1} ms (solver {soc.SolverSeconds * 1e3:F1} ms), max |ΔV| {socWorst:E2}, max relative gap {exactness.MaxRelativeGap:E2}");
        Assert.True(exactness.IsExact, $"relative gap {exactness.MaxRelativeGap}");
        Assert.True(socWorst <= 1e-4, $"SOC |V| differs from the power flow by {socWorst}");
        Assert.True(linWorst <= 0.02, $"LinDistFlow |V| differs from the power flow by {linWorst}");
    }
}
