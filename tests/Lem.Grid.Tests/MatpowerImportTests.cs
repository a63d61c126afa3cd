using Lem.Grid.Network;
using Lem.Testing;

namespace Lem.Grid.Tests;

public class MatpowerImportTests
{
    [SharedFact]
    public void Case9_counts_match_the_file()
    {
        // case9.m: 9 bus rows, 9 branch rows (all with ratio 0, same baseKV: lines), Pd/Qd non-zero at buses 5, 7, 9, 3 gen rows.
        var net = TestGrids.Load("matpower", "case9.m");

        Assert.Equal("case9", net.Name);
        Assert.Equal(GridSourceFormat.Matpower, net.SourceFormat);
        Assert.Equal(100, net.BaseMva);
        Assert.Equal(9, net.Buses.Count);
        Assert.Equal(9, net.Lines.Count);
        Assert.Empty(net.Transformers);
        Assert.Equal(["5", "7", "9"], net.Loads.Select(l => l.Id));
        Assert.Equal(3, net.Generators.Count);
        Assert.Equal(315.0, net.TotalLoadPMw, 12);
        Assert.Equal(115.0, net.TotalLoadQMvar, 12);
        Assert.Equal([new BusId("1")], net.SlackBusIds);
        Assert.Equal(BusType.Pv, TestGrids.Bus(net, "2").Type);
        Assert.Equal(345, TestGrids.Bus(net, "4").NominalKv);
    }

    [SharedFact]
    public void Case9_generators_and_polynomial_costs_are_read_as_stored()
    {
        // case9.m gen row 2: 2 163 6.54 300 -300 1.025 100 1 300 10; gencost row 2: 2 2000 0 3 0.085 1.2 600.
        var net = TestGrids.Load("matpower", "case9.m");

        var gen = net.Generators[1];
        Assert.Equal("2", gen.Id);
        Assert.Equal(new BusId("2"), gen.Bus);
        Assert.Equal(163, gen.PMw);
        Assert.Equal(6.54, gen.QMvar);
        Assert.Equal(300, gen.QMaxMvar);
        Assert.Equal(-300, gen.QMinMvar);
        Assert.Equal(1.025, gen.VmSetpointPu);
        Assert.Equal(300, gen.PMaxMw);
        Assert.Equal(10, gen.PMinMw);
        Assert.True(gen.InService);

        Assert.Equal(3, net.GeneratorCosts.Count);
        var cost = Assert.IsType<PolynomialCost>(net.GeneratorCosts[1]);
        Assert.Equal("2", cost.GeneratorId);
        Assert.Equal(2000, cost.StartupCost);
        Assert.Equal([0.085, 1.2, 600], cost.Coefficients);
        Approx.Equal((0.085 * 100 * 100) + (1.2 * 100) + 600, cost.Evaluate(100));
        var first = Assert.IsType<PolynomialCost>(net.GeneratorCosts[0]);
        Assert.Equal([0.11, 5, 150], first.Coefficients);
    }

    [SharedFact]
    public void Case33bw_applies_the_in_file_unit_conversions()
    {
        // case33bw.m: baseMVA 10, baseKV 12.66; loads in kW/kvar (bus 18: 90 kW, 40 kvar) converted to MW by
        // mpc.bus(:, [PD, QD]) / 1e3; branch r, x in ohm converted by Vbase^2/Sbase (branch 1: r 0.0922, x 0.0470 ohm).
        var net = TestGrids.Load("matpower", "case33bw.m");
        var zBase = 12.66e3 * 12.66e3 / 10e6;

        var load18 = Assert.Single(net.Loads, l => l.Bus == new BusId("18"));
        Approx.Equal(0.09, load18.PMw, 1e-15);
        Approx.Equal(0.04, load18.QMvar, 1e-15);
        var line1 = net.Lines.Single(l => l.Id == "1");
        Approx.Equal(0.0922 / zBase, line1.RPu, 0, 1e-14);
        Approx.Equal(0.0470 / zBase, line1.XPu, 0, 1e-14);
        Assert.Null(line1.RatingMva);
        Approx.Equal(3.715, net.TotalLoadPMw, 1e-12);
    }

    [SharedFact]
    public void Case33bw_counts_match_the_file()
    {
        // case33bw.m: 33 bus rows, 37 branch rows of which the 5 tie lines 21-8, 9-15, 12-22, 18-33, 25-29 have
        // status 0; Pd/Qd non-zero on every bus except the source bus 1 (32 loads); 1 generator.
        var net = TestGrids.Load("matpower", "case33bw.m");

        Assert.Equal(33, net.Buses.Count);
        Assert.Equal(37, net.Lines.Count);
        Assert.Equal(5, net.Lines.Count(l => !l.InService));
        Assert.Equal(
            [("21", "8"), ("9", "15"), ("12", "22"), ("18", "33"), ("25", "29")],
            net.Lines.Where(l => !l.InService).Select(l => (l.FromBus.Value, l.ToBus.Value)));
        Assert.Equal(32, net.Loads.Count);
        Assert.Single(net.Generators);
        Assert.Equal(10, net.BaseMva);
    }

    [SharedFact]
    public void Case141_converts_apparent_power_with_the_in_file_power_factor()
    {
        // case141.m bus 8: Pd = 75 (kVA); the file divides by 1e3, then Qd = Pd*sin(acos(0.85)) and Pd = Pd*0.85.
        var net = TestGrids.Load("matpower", "case141.m");

        var load = Assert.Single(net.Loads, l => l.Bus == new BusId("8"));
        Approx.Equal(75.0 / 1e3 * Math.Sin(Math.Acos(0.85)), load.QMvar, 1e-15);
        Approx.Equal(75.0 / 1e3 * 0.85, load.PMw, 1e-15);
        Assert.Equal(141, net.Buses.Count);
        Assert.Equal(140, net.Lines.Count);
        Assert.Equal(84, net.Loads.Count);
    }

    [SharedFact]
    public void Case118_counts_shunts_and_transformers_match_the_file()
    {
        // Counted from case118.m with a short script: 118 buses, 186 branches of which 11 have a non-zero ratio
        // (transformers), 99 buses with Pd or Qd, 14 with Gs or Bs, 54 generators and 54 cost rows.
        var net = TestGrids.Load("matpower", "case118.m");

        Assert.Equal(118, net.Buses.Count);
        Assert.Equal(186, net.Lines.Count + net.Transformers.Count);
        Assert.Equal(11, net.Transformers.Count);
        Assert.Equal(99, net.Loads.Count);
        Assert.Equal(14, net.Shunts.Count);
        Assert.Equal(54, net.Generators.Count);
        Assert.Equal(54, net.GeneratorCosts.Count);
        Assert.Equal(4242, net.TotalLoadPMw, 9);

        // Branch row 8 (line 219): 8 5 0 0.0267 0 0 0 0 0.985 ...
        var t = net.Transformers.Single(x => x.Id == "8");
        Assert.Equal(new BusId("8"), t.HvBus);
        Assert.Equal(new BusId("5"), t.LvBus);
        Assert.Equal(0.985, t.TapRatio);
        Assert.Equal(0.0267, t.XPu);
        Assert.Null(t.RatingMva);

        // Bus 5 (line 34): Bs = -40 MVAr, i.e. an inductive shunt drawing 40 MVAr at 1 p.u.
        var shunt = Assert.Single(net.Shunts, s => s.Bus == new BusId("5"));
        Assert.Equal(40, shunt.QMvar);
        Assert.Equal(0, shunt.PMw);
        Assert.Equal("Riversde  V2", TestGrids.Bus(net, "1").Name);
    }

    [SharedFact]
    public void Case300_counts_match_the_file()
    {
        // Counted from case300.m: 300 buses, 411 branches (129 with ratio/shift or differing baseKV), 201 loads,
        // 29 shunts, 69 generators.
        var net = TestGrids.Load("matpower", "case300.m");

        Assert.Equal(300, net.Buses.Count);
        Assert.Equal(411, net.Lines.Count + net.Transformers.Count);
        Assert.Equal(129, net.Transformers.Count);
        Assert.Equal(201, net.Loads.Count);
        Assert.Equal(29, net.Shunts.Count);
        Assert.Equal(69, net.Generators.Count);
        Assert.Equal(23525.85, net.TotalLoadPMw, 8);
    }

    [SharedFact]
    public void Rts_gmlc_piecewise_linear_costs_infinite_limits_and_ignored_fields()
    {
        // case_RTS_GMLC.m gencost row 1 (line 443): 1 51.747 51.747 4 8 1085.77625 12 1477.23196 16 1869.51562 20 2298.06357.
        var result = Import.GridImporter.Import(RepoPaths.Grid("matpower", "case_RTS_GMLC.m"));
        var net = result.Network!;

        var cost = Assert.IsType<PiecewiseLinearCost>(net.GeneratorCosts[0]);
        Assert.Equal("1", cost.GeneratorId);
        Assert.Equal(51.747, cost.StartupCost);
        Assert.Equal(51.747, cost.ShutdownCost);
        Assert.Equal(
            [new CostPoint(8, 1085.77625), new CostPoint(12, 1477.23196), new CostPoint(16, 1869.51562), new CostPoint(20, 2298.06357)],
            cost.Points);
        Approx.Equal((1085.77625 + 1477.23196) / 2, cost.Evaluate(10), 1e-9);
        Assert.Equal(158, net.Generators.Count);
        Assert.Equal("ABEL", TestGrids.Bus(net, "101").Name);
        Assert.Contains(result.Warnings, w => w.Contains("dcline", StringComparison.Ordinal) && w.Contains(":682", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("areas", StringComparison.Ordinal));
    }

    [SharedFact]
    public void Activsg200_generator_types_and_fuels_come_from_the_cell_arrays()
    {
        // case_ACTIVSg200.m lines 612-614 and 665-667: gentype {'ST'; 'ST'; ...}, genfuel {'coal'; 'coal'; ...}.
        var net = TestGrids.Load("matpower", "case_ACTIVSg200.m");

        Assert.Equal("ST", net.Generators[0].UnitType);
        Assert.Equal("coal", net.Generators[0].Fuel);
        Assert.All(net.Generators, g => Assert.NotNull(g.Fuel));
    }

    [SharedFact]
    public void Pegase_infinite_reactive_limits_are_kept()
    {
        // case1354pegase.m line 1557: gen at bus 4231 with Qmax = Inf, Qmin = -Inf.
        var net = TestGrids.Load("matpower", "case1354pegase.m");

        var gen = net.Generators.First(g => g.Bus == new BusId("4231"));
        Assert.Equal(double.PositiveInfinity, gen.QMaxMvar);
        Assert.Equal(double.NegativeInfinity, gen.QMinMvar);
    }

    [SharedFact]
    public void Radial1001_matpower_and_pandapower_give_the_same_per_unit_lines()
    {
        // README: pandapower line k = MATPOWER branch row k+1; bus = pandapower index + 1. r, x, b printed with 12 digits.
        var m = TestGrids.Load("benchmark", "radial1001.m");
        var p = TestGrids.Load("benchmark", "radial1001.json");

        Assert.Equal(1001, m.Buses.Count);
        Assert.Equal(1001, p.Buses.Count);
        Assert.Equal(1000, m.Lines.Count);
        Assert.Equal(1000, p.Lines.Count);
        Assert.Equal(1000, m.Loads.Count);
        Assert.Equal(1000, p.Loads.Count);
        Assert.Equal(m.BaseMva, p.BaseMva);
        foreach (var k in new[] { 0, 1, 9, 10, 537, 999 })
        {
            var lm = m.Lines[k];
            var lp = p.Lines[k];
            Assert.Equal((k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), lm.Id);
            Assert.Equal(k.ToString(System.Globalization.CultureInfo.InvariantCulture), lp.Id);
            Approx.Equal(lm.RPu, lp.RPu, 0, 1e-9, $"r of line {k}");
            Approx.Equal(lm.XPu, lp.XPu, 0, 1e-9, $"x of line {k}");
            Approx.Equal(lm.BPu, lp.BPu, 0, 1e-9, $"b of line {k}");
            Approx.Equal(lm.RatingMva!.Value, lp.RatingMva!.Value, 0, 1e-9, $"rating of line {k}");
        }

        // Line 0: 1.019525 km of 0.063 ohm/km on Zbase = 10^2 / 1 = 100 ohm.
        Approx.Equal(0.063 * 1.019525 / 100, p.Lines[0].RPu, 0, 1e-14);
        Approx.Equal(399.973676, m.TotalLoadPMw, 1e-6);
        Approx.Equal(m.TotalLoadPMw, p.TotalLoadPMw, 1e-9);
    }
}
