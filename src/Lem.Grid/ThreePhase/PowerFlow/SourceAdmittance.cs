using System.Numerics;

namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// The Norton equivalent of a three-phase source (docs/three-phase.md): the balanced internal voltage and the
/// phase-frame admittance of its short-circuit impedance per <see cref="SourceImpedanceModel"/>.
/// </summary>
internal static class SourceAdmittance
{
    /// <summary>The positive-sequence admittance that pins the positive-sequence voltage (NegativeAndZeroSequences), relative to |y₁|.</summary>
    public const double PinningFactor = 1e6;

    /// <summary>The compiled source at bus position <paramref name="bus"/> of nominal line-to-line voltage <paramref name="nominalKv"/>.</summary>
    public static SourceTerm Of(ThreePhaseSource source, int bus, double nominalKv)
    {
        var phaseV = nominalKv * 1000.0 / Math.Sqrt(3.0) * source.VoltagePu;
        var voltage = SequenceFrame.Balanced(Complex.FromPolarCoordinates(phaseV, source.AngleDegree * Math.PI / 180.0));
        if (source.ImpedanceModel == SourceImpedanceModel.Ideal || source.ShortCircuitPowerMva is not { } ssc || ssc <= 0.0)
        {
            return new SourceTerm(source, bus, voltage, null);
        }

        var (z0, z1) = Impedances(source, nominalKv);
        var y1 = 1.0 / z1;
        var y0 = 1.0 / z0;
        var admittance = source.ImpedanceModel == SourceImpedanceModel.AllSequences
            ? SequenceFrame.ToPhase(y0, y1, y1)
            : SequenceFrame.ToPhase(y0, PinningFactor * y1.Magnitude, y1);
        return new SourceTerm(source, bus, voltage, admittance);
    }

    /// <summary>
    /// The zero- and positive-sequence short-circuit impedances in Ω: |Z1| = V_LL² / S_sc, R1/X1 = <see cref="ThreePhaseSource.RxRatio"/>;
    /// Z0 = ratio · Z1 when no zero-sequence R/X is given (PGM), else X0 = ratio · X1 and R0 = (R0/X0) · X0 (pandapower).
    /// </summary>
    public static (Complex Zero, Complex Positive) Impedances(ThreePhaseSource source, double nominalKv)
    {
        ArgumentNullException.ThrowIfNull(source);
        var magnitude = nominalKv * nominalKv / source.ShortCircuitPowerMva!.Value * source.ShortCircuitVoltageFactor;
        var x1 = magnitude / Math.Sqrt(1.0 + (source.RxRatio * source.RxRatio));
        var z1 = new Complex(source.RxRatio * x1, x1);
        if (source.ZeroSequenceRxRatio is { } rx0)
        {
            var x0 = source.ZeroToPositiveRatio * x1;
            return (new Complex(rx0 * x0, x0), z1);
        }

        return (source.ZeroToPositiveRatio * z1, z1);
    }
}
