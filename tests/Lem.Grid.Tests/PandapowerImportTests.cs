using Lem.Grid.Import;
using Lem.Grid.Network;
using Lem.Testing;

namespace Lem.Grid.Tests;

public class PandapowerImportTests
{
    [SharedFact]
    public void Kerber_dorfnetz_counts_match_the_file()
    {
        // kerber_dorfnetz.json: bus 116 rows, line 114, trafo 1, load 57, ext_grid 1 (bus 0), sn_mva 1, f_hz 50.
        var net = TestGrids.Load("pandapower", "kerber_dorfnetz.json");

        Assert.Equal(GridSourceFormat.Pandapower, net.SourceFormat);
        Assert.Equal(116, net.Buses.Count);
        Assert.Equal(114, net.Lines.Count);
        Assert.Single(net.Transformers);
        Assert.Equal(57, net.Loads.Count);
        Assert.Single(net.ExternalGrids);
        Assert.Equal(1, net.BaseMva);
        Assert.Equal(50, net.FrequencyHz);
        Assert.Equal([new BusId("0")], net.SlackBusIds);
        Assert.Equal(BusType.Slack, TestGrids.Bus(net, "0").Type);
        Assert.Equal(1.1, TestGrids.Bus(net, "5").VmMaxPu);
        Assert.Equal(0.9, TestGrids.Bus(net, "5").VmMinPu);
    }

    [SharedFact]
    public void Kerber_dorfnetz_line_is_converted_to_per_unit_by_hand()
    {
        // Line 0 'line_1_1': NAYY 4x150, bus 1 -> 2 (0.4 kV), 0.04 km, r 0.2067, x 0.08042478 ohm/km, c 830 nF/km,
        // max_i_ka 0.275, df 1, parallel 1. Zbase = 0.4^2 / 1 MVA = 0.16 ohm.
        var net = TestGrids.Load("pandapower", "kerber_dorfnetz.json");
        var line = net.Lines[0];
        const double zBase = 0.4 * 0.4 / 1.0;

        Assert.Equal("0", line.Id);
        Assert.Equal("line_1_1", line.Name);
        Assert.Equal(new BusId("1"), line.FromBus);
        Assert.Equal(new BusId("2"), line.ToBus);
        Approx.Equal(0.2067 * 0.04 / zBase, line.RPu, 0, 1e-13);
        Approx.Equal(0.08042478 * 0.04 / zBase, line.XPu, 0, 1e-13);
        Approx.Equal(2 * Math.PI * 50 * 830e-9 * 0.04 * zBase, line.BPu, 0, 1e-13);
        Assert.Equal(0, line.GPu);
        Approx.Equal(Math.Sqrt(3) * 0.275 * 0.4, line.RatingMva!.Value, 0, 1e-13);
        Assert.Equal(new LinePerKmData(0.04, 0.2067, 0.08042478, 830), line.PerKm);
        Assert.Equal(0.275, line.MaxCurrentKa);
        Assert.Equal(1, line.Parallel);
    }

    [SharedFact]
    public void Kerber_dorfnetz_transformer_follows_pandapowers_t_model()
    {
        // trafo 0: 0.4 MVA 10/0.4 kV, vk 4 %, vkr 1.325 %, pfe 0.95 kW, i0 0.2375 %, shift 150 deg, tap_pos = tap_neutral = 0,
        // buses 0 (10 kV) and 1 (0.4 kV), sn_mva 1. Hand calculation of pandapower's build_branch.py:
        const double snSys = 1.0;
        const double vnLv = 0.4;
        var tapLv = Math.Pow(vnLv / 0.4, 2) * snSys;
        var z = 4.0 / 100 / 0.4 * tapLv;
        var r = 1.325 / 100 / 0.4 * tapLv;
        var x = Math.Sqrt((z * z) - (r * r));
        var baseR = 0.4 * 0.4 / snSys;
        var pfe = 0.95e-3;
        var gMag = pfe / (vnLv * vnLv) * baseR;
        var bMag = Math.Sqrt(Math.Max(0, Math.Pow(0.2375 / 100 * 0.4, 2) - (pfe * pfe))) * baseR / (vnLv * vnLv);
        // T model -> pi (pandapower's _wye_delta): za = z/2 on each side of the magnetising branch ym = g - jb.
        var za = new System.Numerics.Complex(r, x) / 2;
        var ym = new System.Numerics.Complex(gMag, -bMag);
        var zm = 1 / ym;
        var zSeries = ((za * za) + (2 * za * zm)) / zm;
        var zShuntEach = ((za * za) + (2 * za * zm)) / za;
        var yShuntTotal = 2 / zShuntEach;

        var net = TestGrids.Load("pandapower", "kerber_dorfnetz.json");
        var t = Assert.Single(net.Transformers);

        Assert.Equal(new BusId("0"), t.HvBus);
        Assert.Equal(new BusId("1"), t.LvBus);
        Approx.Equal(1.0, t.TapRatio, 1e-15);
        Assert.Equal(150, t.ShiftDegree);
        Approx.Equal(zSeries.Real, t.RPu, 0, 1e-12);
        Approx.Equal(zSeries.Imaginary, t.XPu, 0, 1e-12);
        Approx.Equal(yShuntTotal.Real, t.GPu, 0, 1e-12);
        Approx.Equal(yShuntTotal.Imaginary, t.BPu, 1e-15);
        // The T->pi change is small but visible: the pi values differ from the plain series values.
        Approx.Equal(r, t.RPu, 0, 1e-3);
        Assert.NotEqual(r, t.RPu);
        Assert.Equal(0.4, t.RatingMva);
        var nameplate = Assert.IsType<TransformerNameplate>(t.Nameplate);
        Assert.Equal(0.4, nameplate.SnMva);
        Assert.Equal(4.0, nameplate.VkPercent);
        Assert.Equal(1.325, nameplate.VkrPercent);
        Assert.Equal(0.95, nameplate.PfeKw);
        Assert.Equal(0.2375, nameplate.I0Percent);
        Assert.Equal(TapSide.Hv, nameplate.TapSide);
        Assert.Equal(0, nameplate.TapPos);
        Assert.Equal(2.5, nameplate.TapStepPercent);
    }

    [SharedFact]
    public void Tap_position_changes_the_ratio_as_pandapower_does()
    {
        // Same kerber trafo with tap_pos 2 on the HV side: vn_hv = 10 * (1 + 2 * 2.5 %) = 10.5 kV, ratio 1.05.
        var text = File.ReadAllText(RepoPaths.Grid("pandapower", "kerber_dorfnetz.json"));
        var changed = PandapowerJson.ReplaceCell(text, "trafo", 0, "tap_pos", 2);

        var result = GridImporter.ImportText(changed, "kerber_tap.json");

        Assert.Empty(result.Errors);
        var t = Assert.Single(result.Network!.Transformers);
        Approx.Equal(1.05, t.TapRatio, 1e-14);
        Assert.Equal(150, t.ShiftDegree);
    }

    [SharedFact]
    public void Cigre_lv_counts_and_switches_match_the_file()
    {
        // cigre_lv.json: bus 44, line 37, trafo 3, load 15, switch 3 (bus 0 to buses 1, 20 and 23, all closed, 'b').
        var net = TestGrids.Load("pandapower", "cigre_lv.json");

        Assert.Equal(44, net.Buses.Count);
        Assert.Equal(37, net.Lines.Count);
        Assert.Equal(3, net.Transformers.Count);
        Assert.Equal(15, net.Loads.Count);
        Assert.Equal(3, net.Switches.Count);
        Assert.All(net.Switches, s => Assert.Equal(SwitchElementType.Bus, s.ElementType));
        Assert.All(net.Switches, s => Assert.True(s.Closed));
        Assert.Equal(["1", "20", "23"], net.Switches.Select(s => s.Element));
        Assert.Equal("Bus R1", TestGrids.Bus(net, "2").Name);
        Assert.Equal("CIGRE_LV", TestGrids.Bus(net, "2").Zone);
        // trafo 0 has tap_side/tap_neutral null: no tap adjustment; ratio (20/0.4)/(20/0.4) = 1.
        Assert.All(net.Transformers, t => Approx.Equal(1.0, t.TapRatio, 1e-15));
        Assert.Null(Assert.IsType<TransformerNameplate>(net.Transformers[0].Nameplate).TapSide);
        // No magnetising branch (pfe 0, i0 0): series values are the plain ones, vk 4.123106 %, vkr 1 % on 0.5 MVA.
        Approx.Equal(0.01 / 0.5, net.Transformers[0].RPu, 0, 1e-14);
        Approx.Equal(Math.Sqrt((0.04123106 * 0.04123106) - (0.01 * 0.01)) / 0.5, net.Transformers[0].XPu, 0, 1e-12);
        Assert.Equal(0, net.Transformers[0].BPu);
    }

    [SharedFact]
    public void Ieee_european_lv_sums_asymmetric_loads_into_balanced_loads()
    {
        // ieee_european_lv_asymmetric_on_peak_566.json: bus 907, line 905, trafo 1, asymmetric_load 55, load 0, sn_mva 100.
        // asymmetric_load 0 at bus 34: p_a 0.000574000005145, p_b = p_c = 0; q_a 0.000188664678717. Total P 0.057358000360183.
        var result = GridImporter.Import(RepoPaths.Grid("pandapower", "ieee_european_lv_asymmetric_on_peak_566.json"));
        var net = result.Network!;

        Assert.Equal(907, net.Buses.Count);
        Assert.Equal(905, net.Lines.Count);
        Assert.Single(net.Transformers);
        Assert.Equal(55, net.Loads.Count);
        Assert.All(net.Loads, l => Assert.True(l.FromAsymmetric));
        Assert.Equal(100, net.BaseMva);
        var first = net.Loads[0];
        Assert.Equal("asym-0", first.Id);
        Assert.Equal(new BusId("34"), first.Bus);
        Approx.Equal(0.000574000005145, first.PMw, 1e-18);
        Approx.Equal(0.000188664678717, first.QMvar, 1e-18);
        Approx.Equal(0.057358000360183, net.TotalLoadPMw, 1e-15);
        Assert.Contains(result.Warnings, w => w.Contains("phase imbalance is not modelled", StringComparison.Ordinal));
    }

    [SharedFact]
    public void Cigre_mv_der_reads_static_generators_and_open_line_switches()
    {
        // cigre_mv_der_pv_wind.json: 9 sgen (8 PV, 1 wind 'WKA 7' of 1.5 MW at bus 7); switches S1, S2, S3 open at lines 14, 12, 13.
        var net = TestGrids.Load("pandapower", "cigre_mv_der_pv_wind.json");

        Assert.Equal(9, net.StaticGenerators.Count);
        var wind = net.StaticGenerators.Single(s => s.Name == "WKA 7");
        Assert.Equal(1.5, wind.PMw);
        Assert.Equal("WP", wind.Type);
        Assert.Equal(new BusId("7"), wind.Bus);
        Assert.Equal(8, net.Switches.Count);
        Assert.Equal(["12", "13", "14"], net.Switches.Where(s => !s.Closed).Select(s => s.Element).Order());
        Assert.Equal(2, net.Switches.Count(s => s.ElementType == SwitchElementType.Transformer));
    }
}
