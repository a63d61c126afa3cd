using System.Numerics;
using Lem.Grid.ThreePhase;

namespace Lem.Grid.Formulations;

/// <summary>
/// One branch of <see cref="LinDist3FlowFormulation"/>: the coefficients of the per-phase voltage drop and how the
/// branch's per-phase flows (on its to-side phases) load the phases of its from side (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices).
/// </summary>
internal sealed class LinDist3FlowBranch
{
    private LinDist3FlowBranch(double[,] dropP, double[,] dropQ, Complex[,] fromShare, (Phase X, Phase Y)[]? hvPairs)
    {
        DropP = dropP;
        DropQ = dropQ;
        FromShare = fromShare;
        HvPairs = hvPairs;
    }

    /// <summary>2 Re[conj(z_φψ)·α^φ/α^ψ]: the coefficient of P^ψ in the drop of phase φ.</summary>
    public double[,] DropP { get; }

    /// <summary>−2 Im[conj(z_φψ)·α^φ/α^ψ]: the coefficient of Q^ψ in the drop of phase φ.</summary>
    public double[,] DropQ { get; }

    /// <summary>[from phase, flow phase]: the complex share of flow phase ψ's power drawn from from-phase Φ (identity for lines).</summary>
    public Complex[,] FromShare { get; }

    /// <summary>For a delta–wye transformer, the two HV phases of each LV phase's winding; null otherwise.</summary>
    public (Phase X, Phase Y)[]? HvPairs { get; }

    /// <summary>Whether branch <paramref name="k"/> is a transformer with an odd clock number (delta on one side).</summary>
    public static bool IsDelta(NetworkIndex index, int k) => index.BranchKinds[k] == BranchKind.Transformer && Clock(index.ShiftRad[k]) % 2 == 1;

    /// <summary>The clock number 0..11 of a phase shift.</summary>
    public static int Clock(double shiftRad) => (((int)Math.Round(shiftRad * 6 / Math.PI) % 12) + 12) % 12;

    /// <summary>Builds the branch data of solver branch <paramref name="k"/>.</summary>
    public static LinDist3FlowBranch Build(NetworkIndex index, int k, double zeroToPositiveRatio)
    {
        var z1 = new Complex(index.RPu[k], index.XPu[k]);
        var isTransformer = index.BranchKinds[k] == BranchKind.Transformer;
        var z = isTransformer ? PhaseMatrix.Diagonal(z1) : PhaseMatrix.FromSequence(zeroToPositiveRatio * z1, z1);
        var dropP = new double[3, 3];
        var dropQ = new double[3, 3];
        for (var phi = 0; phi < 3; phi++)
        {
            for (var psi = 0; psi < 3; psi++)
            {
                var w = Complex.Conjugate(z[phi, psi]) * PhaseInjections.BalancedPhasor((Phase)phi) / PhaseInjections.BalancedPhasor((Phase)psi);
                dropP[phi, psi] = 2 * w.Real;
                dropQ[phi, psi] = -2 * w.Imaginary;
            }
        }

        var share = new Complex[3, 3];
        (Phase, Phase)[]? pairs = null;
        if (IsDelta(index, k))
        {
            // Dyn1/Dyn7: the LV a winding lies on HV a–c; Dyn5/Dyn11 (and other odd clocks): on HV a–b.
            var clock = Clock(index.ShiftRad[k]);
            pairs = clock is 1 or 7
                ? [(Phase.A, Phase.C), (Phase.B, Phase.A), (Phase.C, Phase.B)]
                : [(Phase.A, Phase.B), (Phase.B, Phase.C), (Phase.C, Phase.A)];
            for (var phi = 0; phi < 3; phi++)
            {
                foreach (var (phase, s) in PhaseInjections.DeltaShares(pairs[phi].Item1, pairs[phi].Item2))
                {
                    share[(int)phase, phi] += s;
                }
            }
        }
        else
        {
            for (var phi = 0; phi < 3; phi++)
            {
                share[phi, phi] = Complex.One;
            }
        }

        return new LinDist3FlowBranch(dropP, dropQ, share, pairs);
    }

    /// <summary>The drop D(s)_φ = Σ_ψ DropP·Re s^ψ + DropQ·Im s^ψ of a per-phase flow change.</summary>
    public double Drop(int phi, ReadOnlySpan<Complex> flow)
    {
        var d = 0.0;
        for (var psi = 0; psi < 3; psi++)
        {
            d += (DropP[phi, psi] * flow[psi].Real) + (DropQ[phi, psi] * flow[psi].Imaginary);
        }

        return d;
    }
}
