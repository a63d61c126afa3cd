using System.Numerics;

namespace Lem.Grid.PowerFlow;

/// <summary>
/// Branch and shunt losses, shared by single solves, time series and the AC check: series losses as MATPOWER defines
/// them (|I_s|²·z with I_s the current through the series impedance), and the conductance losses of the shunts, split
/// into transformer no-load (iron) losses and the rest (docs/power-flow.md, "Losses").
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

    /// <summary>
    /// The active loss in the shunt conductance of one branch in per unit: g/2·(|V_f|²/t² + |V_t|²), the pi model's
    /// halves at each end with the from end behind the tap ratio t (see <see cref="PowerFlowModel"/>).
    /// </summary>
    /// <param name="vFromPu">The from-bus voltage.</param>
    /// <param name="vToPu">The to-bus voltage.</param>
    /// <param name="tapRatio">The tap ratio magnitude t (0 means 1).</param>
    /// <param name="conductancePu">The branch's total shunt conductance g (a transformer's magnetising conductance).</param>
    public static double ShuntLossPu(Complex vFromPu, Complex vToPu, double tapRatio, double conductancePu)
    {
        var tap = tapRatio == 0 ? 1.0 : tapRatio;
        var vf = vFromPu.Magnitude / tap;
        var vt = vToPu.Magnitude;
        return conductancePu / 2 * ((vf * vf) + (vt * vt));
    }

    /// <summary>
    /// The active shunt losses of a network state in per unit, without allocating: the shunt conductance losses of the
    /// transformers (no-load or iron losses), and those of the bus shunts (G·|V|²) with the lines' shunt conductance.
    /// </summary>
    /// <exception cref="ArgumentNullException">When <paramref name="model"/> is null.</exception>
    public static (double TransformerNoLoadPu, double ShuntPu) ShuntLossesPu(PowerFlowModel model, ReadOnlySpan<Complex> voltagesPu)
    {
        ArgumentNullException.ThrowIfNull(model);
        var index = model.Index;
        double noLoad = 0, shunt = 0;
        for (var k = 0; k < model.BranchCount; k++)
        {
            var g = index.GPu[k];
            if (g == 0)
            {
                continue;
            }

            var loss = ShuntLossPu(voltagesPu[index.FromIndex[k]], voltagesPu[index.ToIndex[k]], index.TapRatio[k], g);
            if (index.BranchKinds[k] == BranchKind.Transformer)
            {
                noLoad += loss;
            }
            else
            {
                shunt += loss;
            }
        }

        for (var i = 0; i < model.BusCount; i++)
        {
            var vm = voltagesPu[i].Magnitude;
            shunt += index.GShPu[i] * vm * vm;
        }

        return (noLoad, shunt);
    }
}
