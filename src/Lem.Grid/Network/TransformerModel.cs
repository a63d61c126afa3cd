using System.Numerics;

namespace Lem.Grid.Network;

/// <summary>
/// Derives a transformer's per-unit branch model from its nameplate exactly as pandapower's <c>build_branch.py</c> does
/// for a balanced power flow (<c>_calc_tap_from_dataframe</c>, <c>_calc_nominal_ratio_from_dataframe</c>,
/// <c>_calc_r_x_from_dataframe</c>, <c>_calc_y_from_dataframe</c>); pandapower's default T model is turned into its exact
/// pi equivalent (pandapower's <c>_wye_delta</c>), the form <see cref="Transformer"/> stores.
/// </summary>
public static class TransformerModel
{
    /// <summary>Builds a <see cref="Transformer"/> from nameplate data, in per unit on <paramref name="baseMva"/> and the buses' nominal voltages.</summary>
    /// <param name="nameplate">The nameplate data.</param>
    /// <param name="hvBusKv">The nominal voltage of the HV bus in kV.</param>
    /// <param name="lvBusKv">The nominal voltage of the LV bus in kV.</param>
    /// <param name="baseMva">The system base power in MVA.</param>
    /// <param name="tModel">True (pandapower's default) for the T model converted to pi, false for pandapower's plain pi model.</param>
    /// <exception cref="ArgumentException">When an argument is null, not finite, not positive where it must be, or <c>vkr_percent</c> exceeds <c>vk_percent</c>.</exception>
    public static Transformer FromNameplate(TransformerNameplate nameplate, double hvBusKv, double lvBusKv, double baseMva, bool tModel = true)
    {
        ArgumentNullException.ThrowIfNull(nameplate);
        foreach (var (value, name) in new[]
                 {
                     (hvBusKv, nameof(hvBusKv)), (lvBusKv, nameof(lvBusKv)), (baseMva, nameof(baseMva)), (nameplate.SnMva, "SnMva"),
                     (nameplate.VnHvKv, "VnHvKv"), (nameplate.VnLvKv, "VnLvKv"), (nameplate.VkPercent, "VkPercent"), (nameplate.Df, "Df"),
                 })
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new ArgumentException($"{name} is {value}; it must be a finite positive number.", name == nameof(hvBusKv) || name == nameof(lvBusKv) || name == nameof(baseMva) ? name : nameof(nameplate));
            }
        }

        if (nameplate.Parallel < 1)
        {
            throw new ArgumentException($"Parallel is {nameplate.Parallel}; it must be at least 1.", nameof(nameplate));
        }

        var (transformer, error) = TryBuild(nameplate, hvBusKv, lvBusKv, baseMva, tModel);
        return transformer ?? throw new ArgumentException(error, nameof(nameplate));
    }

    /// <summary>Builds a transformer from checked nameplate data, or returns the reason pandapower would refuse it.</summary>
    internal static (Transformer? Transformer, string? Error) TryBuild(TransformerNameplate nameplate, double hvBusKv, double lvBusKv, double baseMva, bool tModel)
    {
        var data = new Nameplate(
            nameplate.SnMva, nameplate.VnHvKv, nameplate.VnLvKv, nameplate.VkPercent, nameplate.VkrPercent, nameplate.PfeKw, nameplate.I0Percent,
            nameplate.ShiftDegree, nameplate.TapSide switch { Network.TapSide.Hv => "hv", Network.TapSide.Lv => "lv", _ => null },
            nameplate.TapNeutral ?? double.NaN, nameplate.TapPos ?? double.NaN, nameplate.TapStepPercent ?? double.NaN, nameplate.TapStepDegree ?? double.NaN,
            nameplate.TapPhaseShifter, nameplate.Parallel);
        var (v, error) = Compute(data, hvBusKv, lvBusKv, baseMva, tModel);
        if (error is not null)
        {
            return (null, error);
        }

        return (new Transformer
        {
            Id = nameplate.Id,
            HvBus = nameplate.HvBus,
            LvBus = nameplate.LvBus,
            RPu = v.RPu,
            XPu = v.XPu,
            GPu = v.GPu,
            BPu = v.BPu,
            TapRatio = v.TapRatio,
            ShiftDegree = v.ShiftDegree,
            RatingMva = nameplate.SnMva * nameplate.Df * nameplate.Parallel,
            Nameplate = nameplate,
            Parallel = nameplate.Parallel,
        }, null);
    }

    /// <summary>The nameplate data of one transformer; NaN stands for a missing value.</summary>
    internal readonly record struct Nameplate(
        double SnMva,
        double VnHvKv,
        double VnLvKv,
        double VkPercent,
        double VkrPercent,
        double PfeKw,
        double I0Percent,
        double ShiftDegree,
        string? TapSide,
        double TapNeutral,
        double TapPos,
        double TapStepPercent,
        double TapStepDegree,
        bool TapPhaseShifter,
        double Parallel);

    /// <summary>The MATPOWER-convention branch values: series r/x, total shunt g/b, tap ratio and shift.</summary>
    internal readonly record struct BranchValues(double RPu, double XPu, double GPu, double BPu, double TapRatio, double ShiftDegree);

    /// <summary>Computes the branch values; returns an error text instead when pandapower would refuse the data.</summary>
    internal static (BranchValues Values, string? Error) Compute(Nameplate t, double hvBusKv, double lvBusKv, double systemSnMva, bool tModel)
    {
        var vnh = t.VnHvKv;
        var vnl = t.VnLvKv;
        var shift = t.ShiftDegree;
        var tapDiff = t.TapPos - t.TapNeutral;
        foreach (var (side, direction) in new[] { ("hv", 1.0), ("lv", -1.0) })
        {
            if (!string.Equals(t.TapSide, side, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var vn = side == "hv" ? vnh : vnl;
            if (!t.TapPhaseShifter && double.IsFinite(t.TapStepPercent) && double.IsFinite(t.TapPos))
            {
                var tapSteps = ReplaceNan(t.TapStepPercent * tapDiff / 100.0);
                var angle = ReplaceNan(t.TapStepDegree) * Math.PI / 180.0;
                var du = vn * tapSteps;
                var adjusted = Math.Sqrt(Math.Pow(vn + (du * Math.Cos(angle)), 2) + Math.Pow(du * Math.Sin(angle), 2));
                shift += Math.Atan(direction * du * Math.Sin(angle) / (vn + (du * Math.Cos(angle)))) * 180.0 / Math.PI;
                vn = adjusted;
            }
            else if (t.TapPhaseShifter)
            {
                var degreeIsSet = ReplaceNan(t.TapStepDegree) != 0;
                var percentIsSet = ReplaceNan(t.TapStepPercent) != 0;
                if (degreeIsSet && percentIsSet)
                {
                    return (default, "Both tap_step_degree and tap_step_percent are set for an ideal phase shifter; set only one.");
                }

                var diff = ReplaceNan(tapDiff);
                shift += degreeIsSet
                    ? direction * diff * t.TapStepDegree
                    : direction * 2 * Math.Asin(diff * ReplaceNan(t.TapStepPercent) / 100.0 / 2.0) * 180.0 / Math.PI;
            }

            if (side == "hv")
            {
                vnh = vn;
            }
            else
            {
                vnl = vn;
            }
        }

        var ratio = vnh / vnl / (hvBusKv / lvBusKv);

        var tapLv = Math.Pow(vnl / lvBusKv, 2) * systemSnMva;
        var zSc = t.VkPercent / 100.0 / t.SnMva * tapLv;
        var rSc = t.VkrPercent / 100.0 / t.SnMva * tapLv;
        if ((zSc * zSc) - (rSc * rSc) < 0)
        {
            return (default, $"vkr_percent ({t.VkrPercent}) is larger than vk_percent ({t.VkPercent}); the short-circuit reactance would be imaginary.");
        }

        var xSc = Math.Sign(zSc) * Math.Sqrt((zSc * zSc) - (rSc * rSc));
        var r = rSc / t.Parallel;
        var x = xSc / t.Parallel;

        var baseR = lvBusKv * lvBusKv / systemSnMva;
        var pfe = t.PfeKw * 1e-3;
        var vnlSquared = t.VnLvKv * t.VnLvKv;
        var bReal = pfe / vnlSquared * baseR;
        var bImgSquared = Math.Pow(t.I0Percent / 100.0 * t.SnMva, 2) - (pfe * pfe);
        var bImg = Math.Sqrt(Math.Max(bImgSquared, 0.0)) * baseR / vnlSquared;
        // pandapower's complex "susceptance" y: the shunt admittance is j*y.
        var y = new Complex(-bImg * Math.Sign(t.I0Percent), -bReal) / Math.Pow(vnl / t.VnLvKv, 2) * t.Parallel;

        if (tModel && y != Complex.Zero)
        {
            var za = new Complex(r, x) / 2.0;
            var zc = -Complex.ImaginaryOne / y;
            var zSum = (za * za) + (2.0 * za * zc);
            var zab = zSum / zc;
            var zbc = zSum / za;
            r = zab.Real;
            x = zab.Imaginary;
            y = -2.0 * Complex.ImaginaryOne / zbc;
        }

        var shunt = Complex.ImaginaryOne * y;
        return (new BranchValues(r, x, shunt.Real, shunt.Imaginary, ratio, shift), null);
    }

    private static double ReplaceNan(double v) => double.IsNaN(v) ? 0.0 : v;
}
