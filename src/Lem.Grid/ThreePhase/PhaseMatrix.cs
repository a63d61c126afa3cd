using System.Numerics;

namespace Lem.Grid.ThreePhase;

/// <summary>
/// An immutable 3×3 complex matrix in the phase frame abc: a line's series impedance in Ω or shunt admittance in S,
/// a transformer's or source's admittance block (docs/three-phase.md). Row and column indices are
/// <see cref="Phase"/> values 0, 1, 2.
/// </summary>
public sealed class PhaseMatrix : IEquatable<PhaseMatrix>
{
    private readonly Complex[] _values;

    private PhaseMatrix(Complex[] values)
    {
        _values = values;
    }

    /// <summary>The zero matrix.</summary>
    public static PhaseMatrix Zero { get; } = new(new Complex[9]);

    /// <summary>The identity matrix.</summary>
    public static PhaseMatrix Identity { get; } = Diagonal(Complex.One);

    /// <summary>The entry in row <paramref name="row"/>, column <paramref name="column"/> (0 = a, 1 = b, 2 = c).</summary>
    public Complex this[int row, int column] => _values[(3 * row) + column];

    /// <summary>The entry of phase row <paramref name="row"/> and phase column <paramref name="column"/>.</summary>
    public Complex this[Phase row, Phase column] => _values[(3 * (int)row) + (int)column];

    /// <summary>A matrix from its nine entries, row by row.</summary>
    /// <exception cref="ArgumentException">When <paramref name="rowMajor"/> does not hold exactly nine entries.</exception>
    public static PhaseMatrix FromRows(ReadOnlySpan<Complex> rowMajor)
    {
        if (rowMajor.Length != 9)
        {
            throw new ArgumentException($"A phase matrix has 9 entries, not {rowMajor.Length}.", nameof(rowMajor));
        }

        return new PhaseMatrix(rowMajor.ToArray());
    }

    /// <summary>A diagonal matrix with <paramref name="value"/> on the diagonal.</summary>
    public static PhaseMatrix Diagonal(Complex value) => Diagonal(value, value, value);

    /// <summary>A diagonal matrix with the given diagonal entries.</summary>
    public static PhaseMatrix Diagonal(Complex a, Complex b, Complex c) =>
        new([a, Complex.Zero, Complex.Zero, Complex.Zero, b, Complex.Zero, Complex.Zero, Complex.Zero, c]);

    /// <summary>
    /// The phase-frame matrix of a transposed (symmetric) element from its zero- and positive-sequence values:
    /// Z_s = (Z0 + 2 Z1) / 3 on the diagonal and Z_m = (Z0 − Z1) / 3 off it (docs/three-phase.md).
    /// </summary>
    public static PhaseMatrix FromSequence(Complex zeroSequence, Complex positiveSequence)
    {
        var self = (zeroSequence + (2.0 * positiveSequence)) / 3.0;
        var mutual = (zeroSequence - positiveSequence) / 3.0;
        return new PhaseMatrix([self, mutual, mutual, mutual, self, mutual, mutual, mutual, self]);
    }

    /// <summary>
    /// Kron reduction of a 4×4 matrix with the neutral as the fourth row and column (grounded at both ends):
    /// Z_abc = Z_pp − Z_pn Z_nn⁻¹ Z_np (docs/three-phase.md).
    /// </summary>
    /// <exception cref="ArgumentException">When the matrix is not 4×4 or its neutral self-entry is zero.</exception>
    public static PhaseMatrix KronReduce(Complex[,] withNeutral)
    {
        ArgumentNullException.ThrowIfNull(withNeutral);
        if (withNeutral.GetLength(0) != 4 || withNeutral.GetLength(1) != 4)
        {
            throw new ArgumentException("Kron reduction needs a 4×4 matrix (phases a, b, c and the neutral).", nameof(withNeutral));
        }

        var znn = withNeutral[3, 3];
        if (znn == Complex.Zero)
        {
            throw new ArgumentException("The neutral's self entry is zero; the matrix cannot be Kron-reduced.", nameof(withNeutral));
        }

        var values = new Complex[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                values[(3 * i) + j] = withNeutral[i, j] - (withNeutral[i, 3] * withNeutral[3, j] / znn);
            }
        }

        return new PhaseMatrix(values);
    }

    /// <summary>The sum of two matrices.</summary>
    public static PhaseMatrix operator +(PhaseMatrix left, PhaseMatrix right) => Combine(left, right, 1.0);

    /// <summary>The difference of two matrices.</summary>
    public static PhaseMatrix operator -(PhaseMatrix left, PhaseMatrix right) => Combine(left, right, -1.0);

    /// <summary>The matrix scaled by a complex factor.</summary>
    public static PhaseMatrix operator *(Complex factor, PhaseMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var values = new Complex[9];
        for (var k = 0; k < 9; k++)
        {
            values[k] = factor * matrix._values[k];
        }

        return new PhaseMatrix(values);
    }

    /// <summary>The matrix product.</summary>
    public static PhaseMatrix operator *(PhaseMatrix left, PhaseMatrix right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var values = new Complex[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                values[(3 * i) + j] = (left[i, 0] * right[0, j]) + (left[i, 1] * right[1, j]) + (left[i, 2] * right[2, j]);
            }
        }

        return new PhaseMatrix(values);
    }

    /// <summary>The sum of two matrices (named alternative to the operator).</summary>
    public static PhaseMatrix Add(PhaseMatrix left, PhaseMatrix right) => left + right;

    /// <summary>The difference of two matrices (named alternative to the operator).</summary>
    public static PhaseMatrix Subtract(PhaseMatrix left, PhaseMatrix right) => left - right;

    /// <summary>The matrix product (named alternative to the operator).</summary>
    public static PhaseMatrix Multiply(PhaseMatrix left, PhaseMatrix right) => left * right;

    /// <summary>The matrix scaled by a complex factor (named alternative to the operator).</summary>
    public static PhaseMatrix Multiply(Complex factor, PhaseMatrix matrix) => factor * matrix;

    /// <summary>Writes the product of this matrix and the phase vector <paramref name="vector"/> into <paramref name="result"/>.</summary>
    public void Multiply(ReadOnlySpan<Complex> vector, Span<Complex> result)
    {
        if (vector.Length != 3 || result.Length != 3)
        {
            throw new ArgumentException("Phase vectors have three entries.");
        }

        var x0 = vector[0];
        var x1 = vector[1];
        var x2 = vector[2];
        for (var i = 0; i < 3; i++)
        {
            result[i] = (_values[3 * i] * x0) + (_values[(3 * i) + 1] * x1) + (_values[(3 * i) + 2] * x2);
        }
    }

    /// <summary>The inverse (Cramer's rule).</summary>
    /// <exception cref="InvalidOperationException">When the matrix is singular.</exception>
    public PhaseMatrix Inverse()
    {
        var a = _values;
        var c00 = (a[4] * a[8]) - (a[5] * a[7]);
        var c01 = (a[5] * a[6]) - (a[3] * a[8]);
        var c02 = (a[3] * a[7]) - (a[4] * a[6]);
        var determinant = (a[0] * c00) + (a[1] * c01) + (a[2] * c02);
        if (determinant == Complex.Zero || double.IsNaN(determinant.Real))
        {
            throw new InvalidOperationException("The phase matrix is singular.");
        }

        var inverse = new Complex[]
        {
            c00, (a[2] * a[7]) - (a[1] * a[8]), (a[1] * a[5]) - (a[2] * a[4]),
            c01, (a[0] * a[8]) - (a[2] * a[6]), (a[2] * a[3]) - (a[0] * a[5]),
            c02, (a[1] * a[6]) - (a[0] * a[7]), (a[0] * a[4]) - (a[1] * a[3]),
        };
        for (var k = 0; k < 9; k++)
        {
            inverse[k] /= determinant;
        }

        return new PhaseMatrix(inverse);
    }

    /// <summary>True when every entry is zero.</summary>
    public bool IsZero => Array.TrueForAll(_values, v => v == Complex.Zero);

    /// <inheritdoc/>
    public bool Equals(PhaseMatrix? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PhaseMatrix other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join("; ", Enumerable.Range(0, 3).Select(i => string.Join(", ", Enumerable.Range(0, 3).Select(j => this[i, j].ToString(System.Globalization.CultureInfo.InvariantCulture)))));

    private static PhaseMatrix Combine(PhaseMatrix left, PhaseMatrix right, double sign)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var values = new Complex[9];
        for (var k = 0; k < 9; k++)
        {
            values[k] = left._values[k] + (sign * right._values[k]);
        }

        return new PhaseMatrix(values);
    }
}
