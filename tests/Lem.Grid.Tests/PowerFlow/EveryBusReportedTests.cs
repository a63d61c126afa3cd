using System.Numerics;
using Lem.Grid.Formulations;
using Lem.Grid.Import;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Grid.Opf;
using Lem.Grid.PowerFlow;
using Lem.Testing;

namespace Lem.Grid.Tests.PowerFlow;

/// <summary>
/// Power-flow and OPF results hold one row per bus of the user's network, buses merged by closed bus-bus switches
/// included, in the network's order and ids (docs/power-flow.md, "Buses merged by switches").
/// </summary>
public class EveryBusReportedTests
{
    public static TheoryData<string> PandapowerNetworks() => Lem.Testing.PandapowerNetworks.Files();

    [SharedTheory(NativeLibraries.Klu)]
    [MemberData(nameof(PandapowerNetworks))]
    public void Every_pandapower_network_reports_every_bus_of_its_bus_table(string file)
    {
        // The reference is the file's own bus table, read here without the importer: its index in file order.
        var expectedIds = Lem.Testing.PandapowerNetworks.BusTableIndex(RepoPaths.Grid("pandapower", file));
        var model = PowerFlowModel.Build(NetworkIndex.Build(TestGrids.Load("pandapower", file)));

        var result = AcPowerFlow.Run(model, PowerFlowOptions.Default);

        Assert.True(result.Converged, $"{file}: {result.Status}");
        Assert.Equal(expectedIds, result.Buses.Select(b => b.Id.Value).ToList());

        // Every member of a merged group is at the group's voltage, and injections still add up to the solver's.
        var index = model.Index;
        var byId = result.Buses.ToDictionary(b => b.Id);
        for (var d = 0; d < index.BusCount; d++)
        {
            var group = index.MembersOf(d).Select(id => byId[id]).ToList();
            Assert.All(group, b => Assert.Equal(group[0].VmPu, b.VmPu));
            Assert.All(group, b => Assert.Equal(group[0].VaDegree, b.VaDegree));
        }

        var s = new Complex[model.BusCount];
        model.ComputeInjections(NewtonRaphsonVoltages(result, index), s);
        Approx.Equal(s.Sum(x => x.Real) * index.BaseMva, result.Buses.Sum(b => b.PInjectionMw), 1e-9, what: $"{file}: Σ P injection");
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Cigre_lv_reports_all_44_buses_with_bus_R0_at_the_voltage_of_its_switch_group()
    {
        // cigre_lv: switches S1..S3 close bus 0 ("Bus 0", the external grid's bus) onto buses 1 ("Bus R0"), 20 ("Bus I0")
        // and 23 ("Bus C0"). A switch has no impedance, so the four share one voltage; the group's injection (the
        // external grid's supply, no load sits on these MV buses) is reported at bus 0, the others report none.
        var network = TestGrids.Load("pandapower", "cigre_lv.json");
        var result = AcPowerFlow.Run(PowerFlowModel.Build(NetworkIndex.Build(network)), PowerFlowOptions.Default);

        Assert.True(result.Converged);
        Assert.Equal(44, result.Buses.Count);
        Assert.Equal("Bus R0", TestGrids.Bus(network, "1").Name);
        var byId = result.Buses.ToDictionary(b => b.Id.Value);
        foreach (var member in new[] { "1", "20", "23" })
        {
            Assert.Equal(byId["0"].VmPu, byId[member].VmPu);
            Assert.Equal(byId["0"].VaDegree, byId[member].VaDegree);
            Assert.Equal(0, byId[member].PInjectionMw);
            Assert.Equal(0, byId[member].QInjectionMvar);
        }

        Approx.Equal(result.SlackPMw, byId["0"].PInjectionMw, 1e-12, what: "external grid supply at bus 0");
    }

    [SharedFact(NativeLibraries.Klu)]
    public void A_merged_group_reports_its_injection_at_the_member_with_the_external_grid()
    {
        // Buses a (index 0) and b (index 1) are joined by a closed switch; the external grid sits on b, the
        // representative (lowest-sorting id) is "0". A 10 kW, 2 kvar load at c hangs from b through one line.
        // Power balance: the external grid's supply = load + series losses, and it must appear at bus "1".
        var network = SwitchedFeeder(extGridBus: 1);
        var index = NetworkIndex.Build(network);
        var result = AcPowerFlow.Run(PowerFlowModel.Build(index), PowerFlowOptions.Default);

        Assert.True(result.Converged);
        Assert.Equal(["0", "1", "2"], result.Buses.Select(b => b.Id.Value).ToArray());
        Assert.Equal(new BusId("0"), index.BusIds[index.IndexOf(new BusId("1"))]);
        Assert.Equal(new BusId("1"), index.InjectionHostBusIds[index.IndexOf(new BusId("1"))]);
        var byId = result.Buses.ToDictionary(b => b.Id.Value);
        Approx.Equal(0.01 + result.LossesMw, byId["1"].PInjectionMw, 1e-9, what: "supply = load + losses");
        Assert.Equal(0, byId["0"].PInjectionMw);
        Approx.Equal(-0.01, byId["2"].PInjectionMw, 1e-9);
        Assert.Equal(1.0, byId["0"].VmPu, 12);
        Assert.Equal(1.0, byId["1"].VmPu, 12);
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Opf_lists_every_bus_and_reports_elements_at_their_own_bus()
    {
        var network = SwitchedFeeder(extGridBus: 1);

        var result = OptimalPowerFlow.Solve(network, new DcFormulation(), new OpfOptions { ExternalGridPricePerMwh = 50 });

        Assert.True(result.IsOptimal, result.Message);
        Assert.Equal(["0", "1", "2"], result.Buses.Select(b => b.Id.Value).ToArray());
        Assert.Equal(result.Bus(new BusId("0")).LmpPerMwh, result.Bus(new BusId("1")).LmpPerMwh);
        Assert.Equal(new BusId("1"), Assert.Single(result.ExternalGrids).Bus);
    }

    [SharedFact]
    public void ToAllBuses_gives_each_merged_bus_its_groups_value()
    {
        var index = NetworkIndex.Build(SwitchedFeeder(extGridBus: 0));

        Assert.Equal([new BusId("0"), new BusId("1"), new BusId("2")], index.AllBusIds.ToArray());
        var a = index.IndexOf(new BusId("0"));
        var c = index.IndexOf(new BusId("2"));
        var values = new double[2];
        values[a] = 7;
        values[c] = 9;
        Assert.Equal([7.0, 7.0, 9.0], index.ToAllBuses(values).ToArray());
        Assert.Throws<ArgumentException>(() => index.ToAllBuses(new double[3]));
    }

    // Three 0.4 kV buses: 0 and 1 joined by a closed bus-bus switch, a line from 1 to 2 with a 10 kW load at 2.
    private static GridNetwork SwitchedFeeder(int extGridBus)
    {
        var text = PandapowerJson.Build(
            1.0,
            ("bus", ["name", "vn_kv", "in_service"], [["a", 0.4, true], ["b", 0.4, true], ["c", 0.4, true]]),
            ("ext_grid", ["bus", "vm_pu", "va_degree", "in_service"], [[extGridBus, 1.0, 0.0, true]]),
            ("line", ["from_bus", "to_bus", "length_km", "r_ohm_per_km", "x_ohm_per_km", "c_nf_per_km", "g_us_per_km", "max_i_ka", "df", "parallel", "in_service"],
            [[1, 2, 0.1, 0.2, 0.08, 0.0, 0.0, 0.2, 1.0, 1, true]]),
            ("load", ["bus", "p_mw", "q_mvar", "scaling", "in_service"], [[2, 0.01, 0.002, 1.0, true]]),
            ("switch", ["bus", "element", "et", "closed"], [[0, 1, "b", true]]));
        var result = GridImporter.ImportText(text, "switched.json");
        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors));
        return result.Network!;
    }

    // The solver voltages back from the result: each solver bus at its representative's row.
    private static Complex[] NewtonRaphsonVoltages(PowerFlowResult result, NetworkIndex index)
    {
        var byId = result.Buses.ToDictionary(b => b.Id);
        return [.. index.BusIds.Select(id => Complex.FromPolarCoordinates(byId[id].VmPu, byId[id].VaDegree * Math.PI / 180.0))];
    }
}
