using System.Numerics;

namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// The 6×6 phase-frame admittance of a two-winding transformer built from its sequence networks
/// (docs/three-phase.md, "Transformers"): per sequence s a two-port [[y/|N|², −y/conj(N)], [−y/N, y]] with the
/// LV-referred short-circuit admittance y and the complex ratio N = (V_HV/V_LV)·tap·e^{±j·30°·clock} (positive
/// sequence +, negative −), the magnetising admittance at the LV terminal; the zero sequence follows the winding
/// connections (a path only through grounded wye windings; a delta or grounded zigzag winding shorts it to ground on
/// its own side). Each block is A diag(y0, y1, y2) A⁻¹.
/// </summary>
internal static class TransformerAdmittance
{
    /// <summary>The admittance blocks of <paramref name="transformer"/>.</summary>
    public static BranchAdmittance Of(ThreePhaseTransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        var ratedVa = transformer.RatedPowerKva * 1000.0;
        var tap = 1.0 + ((transformer.TapPosition - transformer.TapNeutral) * transformer.TapStepPercent / 100.0);
        var hvV = transformer.HvVoltageKv * 1000.0 * (transformer.TapOnHvSide ? tap : 1.0);
        var lvV = transformer.LvVoltageKv * 1000.0 * (transformer.TapOnHvSide ? 1.0 : tap);
        var baseOhm = lvV * lvV / ratedVa;
        var z1 = Impedance(transformer.ShortCircuitVoltagePercent, transformer.ShortCircuitResistancePercent, baseOhm);
        var y1 = 1.0 / z1;
        var magnitude = hvV / lvV;
        var shift = transformer.ClockNumber * Math.PI / 6.0;

        // Magnetising admittance referred to the LV side: |y_m| = i0 S_r / V_LV², g = P0 / V_LV², split half and half (π model).
        var ym = Magnetising(transformer.NoLoadCurrentPercent, transformer.NoLoadLossKw, ratedVa, lvV);

        var t = transformer.TModel;
        var (ff1, ft1, tf1, tt1) = TwoPort(y1, ym, Complex.FromPolarCoordinates(magnitude, shift), t);
        var (ff2, ft2, tf2, tt2) = TwoPort(y1, ym, Complex.FromPolarCoordinates(magnitude, -shift), t);
        var (ff0, ft0, tf0, tt0) = ZeroSequence(transformer, z1, baseOhm, magnitude, ym, ratedVa, lvV);

        return new BranchAdmittance(
            SequenceFrame.ToPhase(ff0, ff1, ff2),
            SequenceFrame.ToPhase(ft0, ft1, ft2),
            SequenceFrame.ToPhase(tf0, tf1, tf2),
            SequenceFrame.ToPhase(tt0, tt1, tt2));
    }

    /// <summary>The short-circuit impedance in Ω from u_k and u_kr in percent and the base impedance.</summary>
    private static Complex Impedance(double ukPercent, double ukrPercent, double baseOhm)
    {
        var r = ukrPercent / 100.0;
        var z = ukPercent / 100.0;
        var x = Math.Sqrt(Math.Max(0.0, (z * z) - (r * r)));
        return new Complex(r * baseOhm, x * baseOhm);
    }

    private static Complex Magnetising(double noLoadCurrentPercent, double noLoadLossKw, double ratedVa, double lvV)
    {
        var ymAbs = noLoadCurrentPercent / 100.0 * ratedVa / (lvV * lvV);
        var g = noLoadLossKw * 1000.0 / (lvV * lvV);
        return new Complex(g, -Math.Sqrt(Math.Max(0.0, (ymAbs * ymAbs) - (g * g))));
    }

    private static (Complex FromFrom, Complex FromTo, Complex ToFrom, Complex ToTo) TwoPort(Complex y, Complex shunt, Complex ratio, bool tModel)
    {
        var self = y + (0.5 * shunt);
        var mutual = y;
        if (tModel)
        {
            // Two halves 2y around the magnetising admittance; the middle node eliminated.
            var half = 2.0 * y;
            var d = (2.0 * half) + shunt;
            self = half - (half * half / d);
            mutual = half * half / d;
        }

        return (self / (ratio.Magnitude * ratio.Magnitude), -mutual / Complex.Conjugate(ratio), -mutual / ratio, self);
    }

    /// <summary>The admittance seen from one side when the other side is shorted to ground (delta): π y + y_m, T 1 / (z/2 + 1 / (2/z + y_m)).</summary>
    private static Complex Grounded(Complex y, Complex shunt, bool tModel) =>
        tModel ? 1.0 / ((0.5 / y) + (1.0 / ((2.0 * y) + shunt))) : y + shunt;

    private static (Complex FromFrom, Complex FromTo, Complex ToFrom, Complex ToTo) ZeroSequence(ThreePhaseTransformer transformer, Complex z1, double baseOhm, double magnitude, Complex ym, double ratedVa, double lvV)
    {
        var hv = transformer.HvWinding;
        var lv = transformer.LvWinding;
        var z0 = transformer.ZeroSequenceVoltagePercent is { } uk0
            ? Impedance(uk0, transformer.ZeroSequenceResistancePercent ?? transformer.ShortCircuitResistancePercent, baseOhm)
            : z1;

        if (transformer.TModel && transformer.ZeroSequenceMagnetisingRatio is { } magRatio)
        {
            // The zero-sequence T network (docs/three-phase.md, "Transformers"): Z_hv = s·Z_k0 on the HV side,
            // Z_lv = (1 − s)·Z_k0 on the LV side, Z_m0 = ratio·|Z_k0|·(rx + j)/√(rx² + 1) to ground in the middle.
            var share = transformer.ZeroSequenceHvShare;
            var zHv = share * z0;
            var zLv = (1.0 - share) * z0;
            var rx = transformer.ZeroSequenceMagnetisingRx;
            var zM = magRatio * z0.Magnitude * new Complex(rx, 1.0) / Math.Sqrt((rx * rx) + 1.0);
            var d = (zHv * zLv) + (zLv * zM) + (zHv * zM);
            if (hv == WindingConnection.WyeGrounded && lv == WindingConnection.WyeGrounded)
            {
                // Both neutrals grounded: the full T, mutual z_m/d, self (z_other + z_m)/d.
                var reversed = transformer.ClockNumber % 4 == 2;
                var ratio = reversed ? -magnitude : magnitude;
                var mutual = zM / d;
                return ((zLv + zM) / d / (magnitude * magnitude), -mutual / ratio, -mutual / ratio, (zHv + zM) / d);
            }

            if (hv == WindingConnection.Delta && lv == WindingConnection.WyeGrounded)
            {
                // The delta shorts the HV end of the T: the LV side sees Z_lv + Z_hv ∥ Z_m0.
                return (Complex.Zero, Complex.Zero, Complex.Zero, (zHv + zM) / d);
            }

            if (hv == WindingConnection.WyeGrounded && lv == WindingConnection.Delta)
            {
                return ((zLv + zM) / d / (magnitude * magnitude), Complex.Zero, Complex.Zero, Complex.Zero);
            }
        }

        // A zigzag winding's own zero-sequence impedance: the given Z0, else 0.1 Z1 (power-grid-model's convention).
        var zigzag = transformer.ZeroSequenceVoltagePercent is null ? 0.1 * z1 : z0;
        if (hv == WindingConnection.WyeGrounded && lv == WindingConnection.WyeGrounded)
        {
            // Clocks 2, 6, 10 reverse the zero sequence; 0, 4, 8 leave it.
            var reversed = transformer.ClockNumber % 4 == 2;
            return TwoPort(1.0 / z0, ym, new Complex(reversed ? -magnitude : magnitude, 0.0), transformer.TModel);
        }

        var ff = Complex.Zero;
        var tt = Complex.Zero;
        if (hv == WindingConnection.WyeGrounded && lv == WindingConnection.Delta)
        {
            ff = Grounded(1.0 / z0, ym, transformer.TModel) / (magnitude * magnitude);
        }

        if (hv == WindingConnection.Delta && lv == WindingConnection.WyeGrounded)
        {
            tt = Grounded(1.0 / z0, ym, transformer.TModel);
        }

        if (hv == WindingConnection.ZigzagGrounded)
        {
            ff = 1.0 / zigzag / (magnitude * magnitude);
        }

        if (lv == WindingConnection.ZigzagGrounded)
        {
            tt = 1.0 / zigzag;
        }

        if (hv is WindingConnection.Wye or WindingConnection.Zigzag && lv == WindingConnection.WyeGrounded && transformer.ZeroSequenceNoLoadCurrentPercent is { } i0Zero)
        {
            // The grounded side's zero-sequence magnetising path (no ampere-turn balance through the floating star).
            tt = Magnetising(i0Zero, transformer.NoLoadLossKw, ratedVa, lvV);
        }

        return (ff, Complex.Zero, Complex.Zero, tt);
    }
}
