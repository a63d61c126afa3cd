using System.Numerics;
using Lem.Grid.Indexing;

namespace Lem.Grid.PowerFlow;

/// <summary>
/// Series branch losses as MATPOWER defines them (|I_s|²·z with I_s the current through the series impedance), shared
/// by single solves and time series.
/// </summary>
public static class BranchLosses
{
    /// <summary>The complex tap τ = t·e^{jφ} of branch <paramref name="branch"/> (t = 1 when the ratio is 0).</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="index"/> is null.</exception>
    public static Complex Tap(NetworkIndex index, int branch)
    {
        ArgumentNullException.ThrowIfNull(index);
        var tap = index.TapRatio[branch] == 0 ? 1.0 : index.TapRatio[branch];
        return Complex.FromPolarCoordinates(tap, index.ShiftRad[branch]);
    }

    /// <summary>The series impedance r + jx of branch <paramref name="branch"/> in per unit.</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="index"/> is null.</exception>
    public static Complex SeriesImpedancePu(NetworkIndex index, int branch)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new Complex(index.RPu[branch], index.XPu[branch]);
    }

    /// <summary>
    /// The series loss of one branch in per unit, active + j·reactive: |V_f/τ − V_t|² / conj(z).
    /// </summary>
    /// <param name="vFromPu">The from-bus voltage.</param>
    /// <param name="vToPu">The to-bus voltage.</param>
    /// <param name="tap">The complex tap τ (see <see cref="Tap"/>).</param>
    /// <param name="seriesImpedancePu">The series impedance z = r + jx.</param>
    public static Complex SeriesLossPu(Complex vFromPu, Complex vToPu, Complex tap, Complex seriesImpedancePu)
    {
        var dv = (vFromPu / tap) - vToPu;
        return dv * Complex.Conjugate(dv) / Complex.Conjugate(seriesImpedancePu);
    }

    /// <summary>The total series loss of all branches in per unit, active + j·reactive.</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="model"/> is null.</exception>
    public static Complex TotalSeriesLossPu(PowerFlowModel model, ReadOnlySpan<Complex> voltagesPu)
    {
        ArgumentNullException.ThrowIfNull(model);
        var index = model.Index;
        var total = Complex.Zero;
        for (var k = 0; k < model.BranchCount; k++)
        {
            total += SeriesLossPu(voltagesPu[index.FromIndex[k]], voltagesPu[index.ToIndex[k]], Tap(index, k), SeriesImpedancePu(index, k));
        }

        return total;
    }
}
