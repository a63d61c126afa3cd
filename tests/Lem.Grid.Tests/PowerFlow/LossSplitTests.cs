using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Grid.PowerFlow;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Grid.Tests.PowerFlow;

/// <summary>
/// The power flow's losses split into series, transformer no-load and shunt, checked against the nameplate no-load loss
/// and the network's energy balance (docs/power-flow.md, "Losses").
/// </summary>
public sealed class LossSplitTests(ITestOutputHelper output)
{
    /// <summary>
    /// The no-load loss of a transformer at the voltages of a solve, from its nameplate alone: pandapower's T model puts
    /// the magnetising conductance pfe/V_n² at the middle of the series impedance, so the loss is pfe·|V_m|² with V_m ≈
    /// (V_hv/t + V_lv)/2 in per unit of the rated voltages. The pi equivalent the power flow uses spreads the conductance
    /// over both ends instead; the two differ by pfe·|V_hv/t − V_lv|²/4 plus O(|z·y|), far below 0.1 %.
    /// </summary>
    private static double NameplateNoLoadMw(Transformer trafo, BusResult hv, BusResult lv, double hvBusKv, double lvBusKv)
    {
        var nameplate = Assert.IsType<TransformerNameplate>(trafo.Nameplate);
        double vnHvKv = nameplate.VnHvKv, vnLvKv = nameplate.VnLvKv, pfeKw = nameplate.PfeKw;
        var ratio = vnHvKv / vnLvKv / (hvBusKv / lvBusKv);
        var vhv = System.Numerics.Complex.FromPolarCoordinates(hv.VmPu / ratio, 0);
        var vlv = System.Numerics.Complex.FromPolarCoordinates(lv.VmPu, (lv.VaDegree - hv.VaDegree + trafo.ShiftDegree) * Math.PI / 180);
        var vm = ((vhv + vlv) / 2).Magnitude * lvBusKv / vnLvKv;
        return pfeKw / 1000 * vm * vm;
    }

    [SharedFact(NativeLibraries.Klu)]
    public void KerberLandnetz_NoLoadLossIsTheNameplateIronLossAtTheSolvedVoltage()
    {
        // kerber_landnetz_freileitung_1: one 0.16 MVA 10/0.4 kV transformer with pfe_kw = 0.38.
        var network = TestGrids.Load("pandapower", "kerber_landnetz_freileitung_1.json");
        var r = AcPowerFlow.Run(network);

        Assert.True(r.Converged);
        var trafo = Assert.Single(network.Transformers);
        Assert.Equal(0.38, trafo.Nameplate?.PfeKw);
        var hv = r.Buses.Single(b => b.Id == trafo.HvBus);
        var lv = r.Buses.Single(b => b.Id == trafo.LvBus);
        var expected = NameplateNoLoadMw(trafo, hv, lv, TestGrids.Bus(network, trafo.HvBus.Value).NominalKv, TestGrids.Bus(network, trafo.LvBus.Value).NominalKv);
        output.WriteLine($"no-load {r.TransformerNoLoadLossesMw * 1000:0.000000} kW (nameplate at V: {expected * 1000:0.000000} kW), series {r.LossesMw * 1000:0.000} kW, |V_lv| {lv.VmPu:0.0000}");

        Approx.Equal(expected, r.TransformerNoLoadLossesMw, 1e-3 * expected);
        Assert.InRange(r.TransformerNoLoadLossesMw * 1000, 0.370, 0.380); // below 0.38 kW because |V| < 1 p.u. under load
        Assert.Equal(0, r.ShuntLossesMw); // no bus shunts, no line conductance
        Assert.Equal(r.TransformerNoLoadLossesMw, Assert.Single(r.Branches, b => b.Kind == BranchKind.Transformer).ShuntLossMw, 12);

        // Energy balance: everything injected (generation − load, from V·conj(Y·V)) is lost, series or no-load.
        var injected = r.Buses.Sum(b => b.PInjectionMw);
        Approx.Equal(injected, r.TotalLossesMw, 1e-9);
        Assert.True(injected - r.LossesMw > 0.9 * expected, "series losses alone miss the iron loss");
    }

    [SharedFact(NativeLibraries.Klu)]
    public void KerberDorfnetz_BranchLossesArePandapowersEndFlowSums()
    {
        // pandapower's res_line/res_trafo pl_mw is p_from + p_to (p_hv + p_lv): series and, for a transformer, iron losses.
        var network = TestGrids.Load("pandapower", "kerber_dorfnetz.json");
        var r = AcPowerFlow.Run(network);

        Assert.True(r.Converged);
        foreach (var b in r.Branches)
        {
            Approx.Equal(b.PFromMw + b.PToMw, b.LossMw + b.ShuntLossMw, 1e-12);
        }

        var lines = r.Branches.Where(b => b.Kind == BranchKind.Line).ToList();
        var trafo = Assert.Single(r.Branches, b => b.Kind == BranchKind.Transformer);
        Assert.All(lines, b => Assert.Equal(0, b.ShuntLossMw)); // Kerber cables have no conductance (g_us_per_km = 0)
        var plLines = lines.Sum(b => b.PFromMw + b.PToMw);
        var plTrafo = trafo.PFromMw + trafo.PToMw;
        output.WriteLine($"lines pl {plLines * 1000:0.0000} kW, trafo pl {plTrafo * 1000:0.0000} kW (series {trafo.LossMw * 1000:0.0000}, no-load {trafo.ShuntLossMw * 1000:0.0000})");

        // The split: series = lines' pl + the transformer's series part; no-load = the rest of the transformer's pl.
        var nameplate = Assert.Single(network.Transformers);
        var expectedNoLoad = NameplateNoLoadMw(nameplate, r.Buses.Single(b => b.Id == nameplate.HvBus), r.Buses.Single(b => b.Id == nameplate.LvBus), 10, 0.4);
        Approx.Equal(expectedNoLoad, r.TransformerNoLoadLossesMw, 1e-3 * expectedNoLoad);
        Approx.Equal(plTrafo - trafo.LossMw, r.TransformerNoLoadLossesMw, 1e-12);
        Approx.Equal(plLines + trafo.LossMw, r.LossesMw, 1e-12);
        Approx.Equal(plLines + plTrafo, r.TotalLossesMw, 1e-12);
        Approx.Equal(r.Buses.Sum(b => b.PInjectionMw), r.TotalLossesMw, 1e-9);
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Case300_BusShuntLossesAreGsTimesVSquared()
    {
        // case300 has 17 buses with a shunt conductance Gs (MW at 1 p.u.).
        var network = TestGrids.Load("matpower", "case300.m");
        var r = AcPowerFlow.Run(network);

        Assert.True(r.Converged);
        var vm = r.Buses.ToDictionary(b => b.Id, b => b.VmPu);
        var expected = network.Shunts.Where(s => s.InService).Sum(s => s.PMw * vm[s.Bus] * vm[s.Bus]);
        output.WriteLine($"shunt {r.ShuntLossesMw:0.000000} MW (Σ Gs·V² {expected:0.000000}), series {r.LossesMw:0.000} MW");

        Assert.True(Math.Abs(expected) > 1e-3, "case300 has shunt conductance");
        Approx.Equal(expected, r.ShuntLossesMw, 1e-9);
        Assert.Equal(0, r.TransformerNoLoadLossesMw); // MATPOWER branches carry no conductance
        Approx.Equal(r.Buses.Sum(b => b.PInjectionMw), r.TotalLossesMw, 1e-6);
    }

    [SharedFact(NativeLibraries.Klu)]
    public void TimeSeries_StepsCarryTheSameSplitAsASingleSolve()
    {
        var network = TestGrids.Load("pandapower", "kerber_landnetz_freileitung_1.json");
        var model = PowerFlowModel.Build(NetworkIndex.Build(network));
        var single = AcPowerFlow.Run(model);
        // One step with every load at its value in the file: the same injections as the single solve.
        var profile = new LoadProfile(network.Loads.Count, [.. network.Loads.Select(l => l.PMw)], [.. network.Loads.Select(l => l.QMvar)]);

        var step = Assert.Single(PowerFlowTimeSeries.Run(model, profile, PowerFlowOptions.Default, AcPowerFlow.CreateSolver, 1).Steps);

        Approx.Equal(single.TransformerNoLoadLossesMw, step.TransformerNoLoadLossesMw, 1e-9);
        Approx.Equal(single.ShuntLossesMw, step.ShuntLossesMw, 1e-12);
        Approx.Equal(single.TotalLossesMw, step.TotalLossesMw, 1e-9);
        Assert.True(step.TransformerNoLoadLossesMw > 3e-4);
    }
}
