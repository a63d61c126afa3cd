namespace Lem.Optimization.Highs;

/// <summary>
/// The quadratic objective Σ c·x_a·x_b of an <see cref="OptimizationModel"/> as the lower triangle of the symmetric
/// matrix Q with Σ c·x_a·x_b = ½xᵀQx, in compressed sparse column form (HiGHS's triangular Hessian format).
/// </summary>
/// <remarks>
/// c·x_a² contributes Q_aa = 2c; c·x_a·x_b with a ≠ b contributes Q_ab = Q_ba = c, stored once at
/// (row max(a,b), column min(a,b)). Repeated pairs, in either order, are summed; row indices ascend within a
/// column, so the diagonal entry (the smallest row of a lower-triangular column) comes first.
/// </remarks>
internal sealed class TriangularHessian
{
    private TriangularHessian(int[] start, int[] index, double[] value)
    {
        Start = start;
        Index = index;
        Value = value;
    }

    /// <summary>Column starts, length dimension + 1.</summary>
    internal int[] Start { get; }

    /// <summary>Row index of each nonzero (≥ its column).</summary>
    internal int[] Index { get; }

    /// <summary>Value of each nonzero.</summary>
    internal double[] Value { get; }

    /// <summary>The number of nonzeros.</summary>
    internal int NonZeros => Index.Length;

    /// <summary>Builds the triangle for the model's quadratic objective (empty when there is none).</summary>
    internal static TriangularHessian Build(OptimizationModel model)
    {
        var n = model.Variables.Count;
        var terms = model.QuadraticObjective;
        var keys = new long[terms.Count];
        var values = new double[terms.Count];
        for (var k = 0; k < terms.Count; k++)
        {
            var t = terms[k];
            var a = t.A.Index;
            var b = t.B.Index;
            if ((uint)a >= (uint)n || (uint)b >= (uint)n)
            {
                throw new ArgumentException($"A quadratic objective term uses variable {Math.Max(a, b)}, which the model '{model.Name}' does not have.");
            }

            var column = Math.Min(a, b);
            var row = Math.Max(a, b);
            keys[k] = ((long)column << 32) | (uint)row;
            values[k] = a == b ? 2 * t.Coefficient : t.Coefficient;
        }

        Array.Sort(keys, values);
        var start = new int[n + 1];
        var index = new List<int>(keys.Length);
        var value = new List<double>(keys.Length);
        for (var k = 0; k < keys.Length;)
        {
            var key = keys[k];
            var sum = 0.0;
            while (k < keys.Length && keys[k] == key)
            {
                sum += values[k];
                k++;
            }

            if (sum != 0)
            {
                start[(int)(key >> 32) + 1]++;
                index.Add((int)(key & 0xFFFFFFFF));
                value.Add(sum);
            }
        }

        for (var j = 0; j < n; j++)
        {
            start[j + 1] += start[j];
        }

        return new TriangularHessian(start, [.. index], [.. value]);
    }
}
