using System.Numerics;

namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// Symmetrical components (docs/three-phase.md): V_abc = A V_012 with A = [[1, 1, 1], [1, a², a], [1, a, a²]],
/// a = e^{j2π/3}; a sequence-diagonal matrix diag(y0, y1, y2) is A diag A⁻¹ in the phase frame.
/// </summary>
internal static class SequenceFrame
{
    /// <summary>The operator a = e^{j2π/3}.</summary>
    public static readonly Complex A = Complex.FromPolarCoordinates(1.0, 2.0 * Math.PI / 3.0);

    /// <summary>The balanced positive-sequence set (1, α, α²) with α = a² = e^{−j2π/3}.</summary>
    public static Complex[] Balanced(Complex phaseA) => [phaseA, phaseA * A * A, phaseA * A];

    /// <summary>The phase-frame matrix of the sequence-diagonal matrix diag(<paramref name="zero"/>, <paramref name="positive"/>, <paramref name="negative"/>).</summary>
    public static PhaseMatrix ToPhase(Complex zero, Complex positive, Complex negative)
    {
        // (A D A⁻¹)_{ij} = (1/3) Σ_s A_is d_s conj(A_js), A_is = a^{(i·s·(−1)) mod 3} per the definition above.
        var d = new[] { zero, positive, negative };
        Span<Complex> values = stackalloc Complex[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                var sum = Complex.Zero;
                for (var s = 0; s < 3; s++)
                {
                    sum += Entry(i, s) * d[s] * Complex.Conjugate(Entry(j, s));
                }

                values[(3 * i) + j] = sum / 3.0;
            }
        }

        return PhaseMatrix.FromRows(values);
    }

    /// <summary>The sequence components (V0, V1, V2) of a phase vector.</summary>
    public static (Complex Zero, Complex Positive, Complex Negative) Components(Complex a, Complex b, Complex c)
    {
        var a2 = A * A;
        return ((a + b + c) / 3.0, (a + (A * b) + (a2 * c)) / 3.0, (a + (a2 * b) + (A * c)) / 3.0);
    }

    // A_is: row i (phase), column s (sequence): a^{(−i·s) mod 3}, i.e. 1; (1, a², a); (1, a, a²).
    private static Complex Entry(int i, int s) => Complex.Pow(A, (3 - ((i * s) % 3)) % 3);
}
