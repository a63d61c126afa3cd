using Lem.Optimization;

namespace Lem.Optimization.Tests;

/// <summary>Small nonlinear functions (and the HS071 program) for the Ipopt tests, with hand-written exact derivatives.</summary>
internal static class IpoptTestFunctions
{
    /// <summary>x·y.</summary>
    internal sealed class Product(Variable x, Variable y) : INonlinearFunction
    {
        public IReadOnlyList<Variable> Variables { get; } = [x, y];

        public IReadOnlyList<(int Row, int Col)> HessianStructure { get; } = [(1, 0)];

        public double Value(ReadOnlySpan<double> v) => v[0] * v[1];

        public void Gradient(ReadOnlySpan<double> v, Span<double> gradient)
        {
            gradient[0] = v[1];
            gradient[1] = v[0];
        }

        public void AddHessian(ReadOnlySpan<double> v, double weight, Span<double> values) => values[0] += weight;
    }

    /// <summary>HS071's objective minus an epigraph variable: x1·x4·(x1 + x2 + x3) + x3 − z (local order x1..x4, z).</summary>
    internal sealed class Hs071ObjectiveMinusZ(Variable[] x, Variable z) : INonlinearFunction
    {
        public IReadOnlyList<Variable> Variables { get; } = [.. x, z];

        public IReadOnlyList<(int Row, int Col)> HessianStructure { get; } = [(0, 0), (1, 0), (2, 0), (3, 0), (3, 1), (3, 2)];

        public double Value(ReadOnlySpan<double> v) => (v[0] * v[3] * (v[0] + v[1] + v[2])) + v[2] - v[4];

        public void Gradient(ReadOnlySpan<double> v, Span<double> g)
        {
            g[0] = (v[3] * (v[0] + v[1] + v[2])) + (v[0] * v[3]);
            g[1] = v[0] * v[3];
            g[2] = (v[0] * v[3]) + 1;
            g[3] = v[0] * (v[0] + v[1] + v[2]);
            g[4] = -1;
        }

        public void AddHessian(ReadOnlySpan<double> v, double w, Span<double> h)
        {
            h[0] += w * 2 * v[3];
            h[1] += w * v[3];
            h[2] += w * v[3];
            h[3] += w * ((2 * v[0]) + v[1] + v[2]);
            h[4] += w * v[0];
            h[5] += w * v[0];
        }
    }

    /// <summary>x1·x2·x3·x4.</summary>
    internal sealed class Product4(Variable[] x) : INonlinearFunction
    {
        public IReadOnlyList<Variable> Variables { get; } = x;

        public IReadOnlyList<(int Row, int Col)> HessianStructure { get; } = [(1, 0), (2, 0), (3, 0), (2, 1), (3, 1), (3, 2)];

        public double Value(ReadOnlySpan<double> v) => v[0] * v[1] * v[2] * v[3];

        public void Gradient(ReadOnlySpan<double> v, Span<double> g)
        {
            g[0] = v[1] * v[2] * v[3];
            g[1] = v[0] * v[2] * v[3];
            g[2] = v[0] * v[1] * v[3];
            g[3] = v[0] * v[1] * v[2];
        }

        public void AddHessian(ReadOnlySpan<double> v, double w, Span<double> h)
        {
            h[0] += w * v[2] * v[3];
            h[1] += w * v[1] * v[3];
            h[2] += w * v[1] * v[2];
            h[3] += w * v[0] * v[3];
            h[4] += w * v[0] * v[2];
            h[5] += w * v[0] * v[1];
        }
    }

    /// <summary>Σ xᵢ².</summary>
    internal sealed class SumOfSquares(Variable[] x) : INonlinearFunction
    {
        public IReadOnlyList<Variable> Variables { get; } = x;

        public IReadOnlyList<(int Row, int Col)> HessianStructure { get; } = [.. Enumerable.Range(0, x.Length).Select(i => (i, i))];

        public double Value(ReadOnlySpan<double> v)
        {
            var s = 0.0;
            foreach (var e in v)
            {
                s += e * e;
            }

            return s;
        }

        public void Gradient(ReadOnlySpan<double> v, Span<double> g)
        {
            for (var i = 0; i < v.Length; i++)
            {
                g[i] = 2 * v[i];
            }
        }

        public void AddHessian(ReadOnlySpan<double> v, double w, Span<double> h)
        {
            for (var i = 0; i < v.Length; i++)
            {
                h[i] += 2 * w;
            }
        }
    }

    /// <summary>A function whose value throws once evaluated <paramref name="evaluationsBeforeThrow"/> times.</summary>
    internal sealed class Throwing(Variable x, int evaluationsBeforeThrow) : INonlinearFunction
    {
        private int _evaluations;

        public IReadOnlyList<Variable> Variables { get; } = [x];

        public IReadOnlyList<(int Row, int Col)> HessianStructure { get; } = [(0, 0)];

        public double Value(ReadOnlySpan<double> v)
        {
            if (++_evaluations > evaluationsBeforeThrow)
            {
                throw new InvalidOperationException("deliberate failure inside a nonlinear function");
            }

            return v[0] * v[0];
        }

        public void Gradient(ReadOnlySpan<double> v, Span<double> g) => g[0] = 2 * v[0];

        public void AddHessian(ReadOnlySpan<double> v, double w, Span<double> h) => h[0] += 2 * w;
    }
}
