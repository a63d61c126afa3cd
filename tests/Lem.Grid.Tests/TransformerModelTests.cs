using Lem.Grid.Network;
using Lem.Testing;

namespace Lem.Grid.Tests;

public class TransformerModelTests
{
    [SharedFact]
    public void From_nameplate_matches_the_pandapower_import()
    {
        // kerber_dorfnetz trafo 0: 0.4 MVA, 10/0.4 kV, vk 4 %, vkr 1.325 %, pfe 0.95 kW, i0 0.2375 %, shift 150 deg.
        var imported = Assert.Single(TestGrids.Load("pandapower", "kerber_dorfnetz.json").Transformers);

        var built = TransformerModel.FromNameplate(
            new TransformerNameplate("0", new BusId("0"), new BusId("1"), 0.4, 10, 0.4, 4, 1.325, 0.95, 0.2375, 150),
            10,
            0.4,
            1.0);

        Assert.Equal(imported.RPu, built.RPu);
        Assert.Equal(imported.XPu, built.XPu);
        Assert.Equal(imported.GPu, built.GPu);
        Assert.Equal(imported.BPu, built.BPu);
        Assert.Equal(imported.TapRatio, built.TapRatio);
        Assert.Equal(150, built.ShiftDegree);
        Assert.Equal(0.4, built.RatingMva);
    }

    [Fact]
    public void Pi_model_keeps_the_plain_series_and_magnetising_values()
    {
        // pi model: r = vkr/100/sn * sn_sys, x = sqrt(z^2 - r^2), g = pfe / vn_lv^2 * Zbase_lv, b = -sqrt((i0/100*sn)^2 - pfe^2) ...
        var t = TransformerModel.FromNameplate(
            new TransformerNameplate("t", new BusId("a"), new BusId("b"), 0.63, 20, 0.4, 6, 1, 1.2, 0.5),
            20,
            0.4,
            1.0,
            tModel: false);

        var z = 0.06 / 0.63;
        var r = 0.01 / 0.63;
        Approx.Equal(r, t.RPu, 1e-15);
        Approx.Equal(Math.Sqrt((z * z) - (r * r)), t.XPu, 1e-15);
        Approx.Equal(1.2e-3, t.GPu, 1e-15);
        Approx.Equal(-Math.Sqrt(Math.Pow(0.005 * 0.63, 2) - Math.Pow(1.2e-3, 2)), t.BPu, 1e-15);
    }

    [Fact]
    public void Lv_side_tap_changes_the_ratio_and_the_impedance()
    {
        // 20/0.4 kV trafo on 20/0.4 kV buses, LV tap +1 step of 2.5 %: vn_lv = 0.41 kV,
        // ratio = (20/0.41)/(20/0.4) = 0.4/0.41; the series impedance scales by (0.41/0.4)^2.
        var plate = new TransformerNameplate("t", new BusId("a"), new BusId("b"), 0.4, 20, 0.4, 4, 1)
        {
            TapSide = TapSide.Lv,
            TapPos = 1,
            TapNeutral = 0,
            TapStepPercent = 2.5,
        };

        var t = TransformerModel.FromNameplate(plate, 20, 0.4, 1.0);

        Approx.Equal(0.4 / 0.41, t.TapRatio, 1e-15);
        Approx.Equal(0.01 / 0.4 * Math.Pow(0.41 / 0.4, 2), t.RPu, 1e-15);
        Assert.Equal(1.0, TransformerModel.FromNameplate(plate with { TapPos = 0 }, 20, 0.4, 1.0).TapRatio, 15);
    }

    [Fact]
    public void Impossible_nameplates_are_api_misuse()
    {
        var plate = new TransformerNameplate("t", new BusId("a"), new BusId("b"), 0.4, 20, 0.4, 4, 5);

        Assert.Throws<ArgumentException>(() => TransformerModel.FromNameplate(plate, 20, 0.4, 1.0));
        Assert.Throws<ArgumentException>(() => TransformerModel.FromNameplate(plate with { VkrPercent = 1 }, 20, 0.4, 0));
        Assert.ThrowsAny<ArgumentException>(() => TransformerModel.FromNameplate(null!, 20, 0.4, 1.0));
    }
}
