namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// The 6×6 phase-frame admittance of a line or transformer in four 3×3 blocks (docs/three-phase.md):
/// [I_from; I_to] = [[FromFrom, FromTo]; [ToFrom, ToTo]] · [V_from; V_to], currents into the branch, in S.
/// </summary>
/// <param name="FromFrom">The from–from block.</param>
/// <param name="FromTo">The from–to block.</param>
/// <param name="ToFrom">The to–from block.</param>
/// <param name="ToTo">The to–to block.</param>
internal sealed record BranchAdmittance(PhaseMatrix FromFrom, PhaseMatrix FromTo, PhaseMatrix ToFrom, PhaseMatrix ToTo)
{
    /// <summary>The π model of a line: series Y = Z⁻¹ and half the shunt admittance at each closed end; an open end is eliminated (Kron).</summary>
    public static BranchAdmittance OfLine(ThreePhaseLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var series = line.SeriesImpedanceOhm.Inverse();
        var half = (System.Numerics.Complex)0.5 * line.ShuntAdmittanceSiemens;
        var ff = series + half;
        var tt = series + half;
        var ft = PhaseMatrix.Zero - series;
        if (line.FromClosed && line.ToClosed)
        {
            return new BranchAdmittance(ff, ft, ft, tt);
        }

        if (!line.FromClosed && !line.ToClosed)
        {
            return new BranchAdmittance(PhaseMatrix.Zero, PhaseMatrix.Zero, PhaseMatrix.Zero, PhaseMatrix.Zero);
        }

        // One end open: the open end's node is internal, Y_kept = Y_kk − Y_ko Y_oo⁻¹ Y_ok.
        var reduced = half.IsZero ? half : tt - (ft * ff.Inverse() * ft);
        return line.FromClosed
            ? new BranchAdmittance(reduced, PhaseMatrix.Zero, PhaseMatrix.Zero, PhaseMatrix.Zero)
            : new BranchAdmittance(PhaseMatrix.Zero, PhaseMatrix.Zero, PhaseMatrix.Zero, reduced);
    }

    /// <summary>Writes I = block · V for the branch's two ends into <paramref name="fromCurrent"/> and <paramref name="toCurrent"/>.</summary>
    public void Currents(ReadOnlySpan<System.Numerics.Complex> fromVoltage, ReadOnlySpan<System.Numerics.Complex> toVoltage, Span<System.Numerics.Complex> fromCurrent, Span<System.Numerics.Complex> toCurrent)
    {
        Span<System.Numerics.Complex> scratch = stackalloc System.Numerics.Complex[3];
        FromFrom.Multiply(fromVoltage, fromCurrent);
        FromTo.Multiply(toVoltage, scratch);
        for (var p = 0; p < 3; p++)
        {
            fromCurrent[p] += scratch[p];
        }

        ToFrom.Multiply(fromVoltage, toCurrent);
        ToTo.Multiply(toVoltage, scratch);
        for (var p = 0; p < 3; p++)
        {
            toCurrent[p] += scratch[p];
        }
    }
}
