using System.Numerics;

namespace Lem.Grid.Formulations;

/// <summary>
/// The squared apparent power |S|² = P² + Q² entering a branch at one end, in per unit², for the thermal limit
/// |S| ≤ rating (MATPOWER's d2ASbr_dV2 in polar coordinates).
/// </summary>
/// <remarks>
/// At end i of a branch with far end j and admittance block entries Y_ii, Y_ij (Y_ff, Y_ft at the from end; Y_tt, Y_tf
/// at the to end): S_i = V_i·conj(Y_ii·V_i + Y_ij·V_j), so P = G_ii·v_i² + v_i·v_j·(G_ij cos θ + B_ij sin θ) and
/// Q = −B_ii·v_i² + v_i·v_j·(G_ij sin θ − B_ij cos θ) with θ = θ_i − θ_j. Local variables: v_i, θ_i, v_j, θ_j; the
/// Hessian is 2(∇P∇Pᵀ + P∇²P + ∇Q∇Qᵀ + Q∇²Q), all ten lower-triangle entries.
/// </remarks>
internal sealed class AcPolarBranchFlow : INonlinearFunction
{
    private static readonly (int Row, int Col)[] Structure = [(0, 0), (1, 0), (1, 1), (2, 0), (2, 1), (2, 2), (3, 0), (3, 1), (3, 2), (3, 3)];

    private readonly double _gii;
    private readonly double _bii;
    private readonly double _gij;
    private readonly double _bij;

    public AcPolarBranchFlow(Complex yii, Complex yij, Variable vmI, Variable vaI, Variable vmJ, Variable vaJ)
    {
        _gii = yii.Real;
        _bii = yii.Imaginary;
        _gij = yij.Real;
        _bij = yij.Imaginary;
        Variables = [vmI, vaI, vmJ, vaJ];
    }

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables { get; }

    /// <inheritdoc/>
    public IReadOnlyList<(int Row, int Col)> HessianStructure => Structure;

    /// <summary>The complex power entering the branch at end i, in per unit, at local point x.</summary>
    public Complex Power(ReadOnlySpan<double> x)
    {
        var (p, q) = PowerParts(x[0], x[1] - x[3], x[2]);
        return new Complex(p, q);
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        var (p, q) = PowerParts(x[0], x[1] - x[3], x[2]);
        return (p * p) + (q * q);
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Span<double> dp = stackalloc double[4];
        Span<double> dq = stackalloc double[4];
        var (p, q) = Derivatives(x, dp, dq, default, default);
        for (var k = 0; k < 4; k++)
        {
            gradient[k] = 2 * ((p * dp[k]) + (q * dq[k]));
        }
    }

    /// <inheritdoc/>
    public void AddHessian(ReadOnlySpan<double> x, double weight, Span<double> values)
    {
        Span<double> dp = stackalloc double[4];
        Span<double> dq = stackalloc double[4];
        Span<double> hp = stackalloc double[10];
        Span<double> hq = stackalloc double[10];
        var (p, q) = Derivatives(x, dp, dq, hp, hq);
        for (var e = 0; e < Structure.Length; e++)
        {
            var (r, c) = Structure[e];
            values[e] += weight * 2 * ((dp[r] * dp[c]) + (p * hp[e]) + (dq[r] * dq[c]) + (q * hq[e]));
        }
    }

    private (double P, double Q) PowerParts(double vi, double theta, double vj)
    {
        var (cos, sin) = (Math.Cos(theta), Math.Sin(theta));
        var p = (_gii * vi * vi) + (vi * vj * ((_gij * cos) + (_bij * sin)));
        var q = (-_bii * vi * vi) + (vi * vj * ((_gij * sin) - (_bij * cos)));
        return (p, q);
    }

    private (double P, double Q) Derivatives(ReadOnlySpan<double> x, Span<double> dp, Span<double> dq, Span<double> hp, Span<double> hq)
    {
        double vi = x[0], vj = x[2];
        var theta = x[1] - x[3];
        var (cos, sin) = (Math.Cos(theta), Math.Sin(theta));

        // P: d = G_ii, h = G cos + B sin, h' = B cos − G sin. Q: d = −B_ii, h = G sin − B cos, h' = G cos + B sin.
        var hP = (_gij * cos) + (_bij * sin);
        var dhP = (_bij * cos) - (_gij * sin);
        var hQ = (_gij * sin) - (_bij * cos);
        var dhQ = (_gij * cos) + (_bij * sin);
        var p = Parts(_gii, hP, dhP, vi, vj, dp, hp);
        var q = Parts(-_bii, hQ, dhQ, vi, vj, dq, hq);
        return (p, q);
    }

    // d·v_i² + v_i·v_j·h(θ_i − θ_j): value, gradient over (v_i, θ_i, v_j, θ_j) and the lower-triangle Hessian in Structure order.
    private static double Parts(double d, double h, double dh, double vi, double vj, Span<double> gradient, Span<double> hessian)
    {
        gradient[0] = (2 * d * vi) + (vj * h);
        gradient[1] = vi * vj * dh;
        gradient[2] = vi * h;
        gradient[3] = -vi * vj * dh;
        if (!hessian.IsEmpty)
        {
            hessian[0] = 2 * d;            // (v_i, v_i)
            hessian[1] = vj * dh;          // (θ_i, v_i)
            hessian[2] = -vi * vj * h;     // (θ_i, θ_i)
            hessian[3] = h;                // (v_j, v_i)
            hessian[4] = vi * dh;          // (v_j, θ_i)
            hessian[5] = 0;                // (v_j, v_j)
            hessian[6] = -vj * dh;         // (θ_j, v_i)
            hessian[7] = vi * vj * h;      // (θ_j, θ_i)
            hessian[8] = -vi * dh;         // (θ_j, v_j)
            hessian[9] = -vi * vj * h;     // (θ_j, θ_j)
        }

        return (d * vi * vi) + (vi * vj * h);
    }
}
