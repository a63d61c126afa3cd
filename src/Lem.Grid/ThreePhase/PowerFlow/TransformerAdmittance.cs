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
        var lvV = transformer.LvVoltageKv * 1000.0;
        var hvV = transformer.HvVoltageKv * 1000.0;
        var baseOhm = lvV * lvV / ratedVa;
        var z1 = Impedance(transformer.ShortCircuitVoltagePercent, transformer.ShortCircuitResistancePercent, baseOhm);
        var z0 = Impedance(
            transformer.ZeroSequenceVoltagePercent ?? transformer.ShortCircuitVoltagePercent,
            transformer.ZeroSequenceResistancePercent ?? transformer.ShortCircuitResistancePercent,
            baseOhm);
        var y1 = 1.0 / z1;
        var y0 = 1.0 / z0;

        var tap = 1.0 + ((transformer.TapPosition - transformer.TapNeutral) * transformer.TapStepPercent / 100.0);
        var magnitude = hvV / lvV * (transformer.TapOnHvSide ? tap : 1.0 / tap);
        var shift = transformer.ClockNumber * Math.PI / 6.0;
        var positive = Complex.FromPolarCoordinates(magnitude, shift);
        var negative = Complex.FromPolarCoordinates(magnitude, -shift);

        // Magnetising admittance referred to the LV side: |y_m| = i0 S_r / V_LV², g = P0 / V_LV².
        var ymAbs = transformer.NoLoadCurrentPercent / 100.0 * ratedVa / (lvV * lvV);
        var g = transformer.NoLoadLossKw * 1000.0 / (lvV * lvV);
        var ym = new Complex(g, -Math.Sqrt(Math.Max(0.0, (ymAbs * ymAbs) - (g * g))));

        var (ff1, ft1, tf1, tt1) = TwoPort(y1, positive);
        var (ff2, ft2, tf2, tt2) = TwoPort(y1, negative);
        tt1 += ym;
        tt2 += ym;
        var (ff0, ft0, tf0, tt0) = ZeroSequence(transformer, y0, magnitude, ym);

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

    private static (Complex FromFrom, Complex FromTo, Complex ToFrom, Complex ToTo) TwoPort(Complex y, Complex ratio) =>
        (y / (ratio.Magnitude * ratio.Magnitude), -y / Complex.Conjugate(ratio), -y / ratio, y);

    private static (Complex FromFrom, Complex FromTo, Complex ToFrom, Complex ToTo) ZeroSequence(ThreePhaseTransformer transformer, Complex y0, double magnitude, Complex ym)
    {
        var hvGrounded = transformer.HvWinding is WindingConnection.WyeGrounded;
        var lvGrounded = transformer.LvWinding is WindingConnection.WyeGrounded;
        var hvTraps = transformer.HvWinding is WindingConnection.Delta or WindingConnection.ZigzagGrounded;
        var lvTraps = transformer.LvWinding is WindingConnection.Delta or WindingConnection.ZigzagGrounded;
        if (hvGrounded && lvGrounded)
        {
            // Clock 0 or 6 (a 180° shift reverses the zero sequence).
            var ratio = new Complex(transformer.ClockNumber % 12 == 6 ? -magnitude : magnitude, 0.0);
            var (ff, ft, tf, tt) = TwoPort(y0, ratio);
            return (ff, ft, tf, tt + ym);
        }

        var hv = Complex.Zero;
        var lv = Complex.Zero;
        if (lvGrounded && hvTraps)
        {
            lv = y0;
        }
        else if (transformer.LvWinding == WindingConnection.ZigzagGrounded)
        {
            lv = y0;
        }

        if (hvGrounded && lvTraps)
        {
            hv = y0 / (magnitude * magnitude);
        }
        else if (transformer.HvWinding == WindingConnection.ZigzagGrounded)
        {
            hv = y0 / (magnitude * magnitude);
        }

        return (hv, Complex.Zero, Complex.Zero, lv);
    }
}
