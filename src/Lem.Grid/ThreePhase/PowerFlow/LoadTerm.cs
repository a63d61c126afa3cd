using System.Numerics;

namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// One voltage-dependent current drawn by a load or generator between node <see cref="Node"/> and node
/// <see cref="ReturnNode"/> (−1: ground, a wye element) of the phase-frame model (docs/three-phase.md):
/// I = c · V · (|V|²)^((k−2)/2) / V_n^k with c = P − jQ in W/var, k = 0, 1, 2 for constant power, current, impedance.
/// </summary>
/// <param name="Node">The node the current leaves the network at.</param>
/// <param name="ReturnNode">The node it returns to, −1 for ground.</param>
/// <param name="Conjugate">P − jQ of the drawn power in W and var (a generator's is negated).</param>
/// <param name="Exponent">0 constant power, 1 constant current, 2 constant impedance.</param>
/// <param name="NominalVoltageV">The nominal voltage across the element in V (phase–neutral or phase–phase).</param>
internal readonly record struct LoadTerm(int Node, int ReturnNode, Complex Conjugate, int Exponent, double NominalVoltageV)
{
    /// <summary>The current drawn at voltage <paramref name="voltage"/> across the element, in A.</summary>
    public Complex Current(Complex voltage)
    {
        if (Exponent == 2)
        {
            return Conjugate * voltage / (NominalVoltageV * NominalVoltageV);
        }

        var squared = (voltage.Real * voltage.Real) + (voltage.Imaginary * voltage.Imaginary);
        if (squared == 0.0)
        {
            return Complex.Zero;
        }

        return Exponent == 0
            ? Conjugate * voltage / squared
            : Conjugate * voltage / (Math.Sqrt(squared) * NominalVoltageV);
    }

    /// <summary>
    /// The derivatives of the drawn current with respect to the real and imaginary parts e, f of the voltage across
    /// the element: ∂I/∂e and ∂I/∂f (each a complex number: real and imaginary current parts).
    /// </summary>
    public (Complex ByReal, Complex ByImaginary) Derivatives(Complex voltage)
    {
        var e = voltage.Real;
        var f = voltage.Imaginary;
        var m = (e * e) + (f * f);
        if (Exponent == 2)
        {
            var y = Conjugate / (NominalVoltageV * NominalVoltageV);
            return (y, Complex.ImaginaryOne * y);
        }

        if (m == 0.0)
        {
            return (Complex.Zero, Complex.Zero);
        }

        // w = V h(m), h = m^((k−2)/2) / V_n^k; ∂w/∂e = h + V h'(m) 2e, ∂w/∂f = j h + V h'(m) 2f.
        double h;
        double dh;
        if (Exponent == 0)
        {
            h = 1.0 / m;
            dh = -1.0 / (m * m);
        }
        else
        {
            var root = Math.Sqrt(m);
            h = 1.0 / (root * NominalVoltageV);
            dh = -0.5 / (m * root * NominalVoltageV);
        }

        var byReal = Conjugate * (h + (voltage * dh * 2.0 * e));
        var byImaginary = Conjugate * ((Complex.ImaginaryOne * h) + (voltage * dh * 2.0 * f));
        return (byReal, byImaginary);
    }
}
