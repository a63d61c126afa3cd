namespace Lem.Grid.Formulations;

/// <summary>
/// The AC power injected into the network at one bus minus the bus's injection expression, in per unit:
/// P_i(V, θ) − Σ c_k·y_k / S_base (or Q_i). Equal to the expression's constant / S_base at a power-flow solution.
/// </summary>
/// <remarks>
/// Polar form with Y_ij = G_ij + jB_ij and θ_ij = θ_i − θ_j:
/// P_i = G_ii·v_i² + Σ_j v_i·v_j·(G_ij cos θ_ij + B_ij sin θ_ij),
/// Q_i = −B_ii·v_i² + Σ_j v_i·v_j·(G_ij sin θ_ij − B_ij cos θ_ij).
/// Writing each neighbour term as v_i·v_j·h(θ_ij) (h'' = −h), the exact first and second derivatives are those of
/// MATPOWER's dSbus_dV and d2Sbus_dV2 in polar coordinates. Local variables: v_i, θ_i, then v_j, θ_j per neighbour,
/// then the expression's variables (which enter linearly). Lower-triangle Hessian entries: (v_i,v_i), (θ_i,v_i),
/// (θ_i,θ_i) and per neighbour (v_j,v_i), (v_j,θ_i), (θ_j,v_i), (θ_j,θ_i), (θ_j,v_j), (θ_j,θ_j).
/// </remarks>
internal sealed class AcPolarInjection : INonlinearFunction
{
    private readonly double _diagonal;
    private readonly double[] _g;
    private readonly double[] _b;
    private readonly bool _reactive;
    private readonly int _degree;
    private readonly double[] _expressionCoefficients;

    public AcPolarInjection(AcPolarNetwork network, int bus, bool reactive, IReadOnlyList<Variable> vm, IReadOnlyList<Variable> va, LinearExpression injectionMw, double baseMva)
    {
        _reactive = reactive;
        _diagonal = reactive ? -network.DiagonalB[bus] : network.DiagonalG[bus];
        _g = network.NeighbourG[bus];
        _b = network.NeighbourB[bus];
        var neighbours = network.Neighbours[bus];
        _degree = neighbours.Length;

        var variables = new List<Variable>(2 + (2 * _degree) + injectionMw.Count) { vm[bus], va[bus] };
        foreach (var j in neighbours)
        {
            variables.Add(vm[j]);
            variables.Add(va[j]);
        }

        // The expression's variables, merged, with coefficients −c/S_base.
        var order = new List<int>();
        var coefficient = new Dictionary<int, double>();
        for (var k = 0; k < injectionMw.Count; k++)
        {
            var index = injectionMw.Indices[k];
            if (!coefficient.TryAdd(index, injectionMw.Coefficients[k]))
            {
                coefficient[index] += injectionMw.Coefficients[k];
            }
            else
            {
                order.Add(index);
            }
        }

        _expressionCoefficients = [.. order.Select(i => -coefficient[i] / baseMva)];
        variables.AddRange(order.Select(i => new Variable(i)));
        Variables = variables;

        var structure = new List<(int Row, int Col)>(3 + (6 * _degree)) { (0, 0), (1, 0), (1, 1) };
        for (var k = 0; k < _degree; k++)
        {
            int p = 2 + (2 * k), q = p + 1;
            structure.Add((p, 0));
            structure.Add((p, 1));
            structure.Add((q, 0));
            structure.Add((q, 1));
            structure.Add((q, p));
            structure.Add((q, q));
        }

        HessianStructure = structure;
    }

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables { get; }

    /// <inheritdoc/>
    public IReadOnlyList<(int Row, int Col)> HessianStructure { get; }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        double vi = x[0], ti = x[1];
        var value = _diagonal * vi * vi;
        for (var k = 0; k < _degree; k++)
        {
            var vj = x[2 + (2 * k)];
            var theta = ti - x[3 + (2 * k)];
            var h = H(k, Math.Cos(theta), Math.Sin(theta));
            value += vi * vj * h;
        }

        var offset = 2 + (2 * _degree);
        for (var k = 0; k < _expressionCoefficients.Length; k++)
        {
            value += _expressionCoefficients[k] * x[offset + k];
        }

        return value;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double vi = x[0], ti = x[1];
        var dvi = 2 * _diagonal * vi;
        var dti = 0.0;
        for (var k = 0; k < _degree; k++)
        {
            var (vj, h, dh) = Neighbour(x, ti, k);
            dvi += vj * h;
            dti += vi * vj * dh;
            var p = 2 + (2 * k);
            gradient[p] = vi * h;
            gradient[p + 1] = -vi * vj * dh;
        }

        gradient[0] = dvi;
        gradient[1] = dti;
        var offset = 2 + (2 * _degree);
        for (var k = 0; k < _expressionCoefficients.Length; k++)
        {
            gradient[offset + k] = _expressionCoefficients[k];
        }
    }

    /// <inheritdoc/>
    public void AddHessian(ReadOnlySpan<double> x, double weight, Span<double> values)
    {
        double vi = x[0], ti = x[1];
        values[0] += weight * 2 * _diagonal;
        double viti = 0, titi = 0;
        for (var k = 0; k < _degree; k++)
        {
            var (vj, h, dh) = Neighbour(x, ti, k);
            viti += vj * dh;
            titi -= vi * vj * h;
            var e = 3 + (6 * k);
            values[e] += weight * h;                   // (v_j, v_i)
            values[e + 1] += weight * vi * dh;         // (v_j, θ_i)
            values[e + 2] -= weight * vj * dh;         // (θ_j, v_i)
            values[e + 3] += weight * vi * vj * h;     // (θ_j, θ_i)
            values[e + 4] -= weight * vi * dh;         // (θ_j, v_j)
            values[e + 5] -= weight * vi * vj * h;     // (θ_j, θ_j)
        }

        values[1] += weight * viti;
        values[2] += weight * titi;
    }

    // Neighbour k's voltage magnitude v_j with h(θ_ij) and h'(θ_ij); x holds v_j, θ_j at 2 + 2k, 3 + 2k.
    private (double Vj, double H, double DH) Neighbour(ReadOnlySpan<double> x, double ti, int k)
    {
        var vj = x[2 + (2 * k)];
        var theta = ti - x[3 + (2 * k)];
        var (cos, sin) = (Math.Cos(theta), Math.Sin(theta));
        return (vj, H(k, cos, sin), DH(k, cos, sin));
    }

    // h(θ) = G cos θ + B sin θ for P, G sin θ − B cos θ for Q; h' its derivative (h'' = −h).
    private double H(int k, double cos, double sin) => _reactive ? (_g[k] * sin) - (_b[k] * cos) : (_g[k] * cos) + (_b[k] * sin);

    private double DH(int k, double cos, double sin) => _reactive ? (_g[k] * cos) + (_b[k] * sin) : (_b[k] * cos) - (_g[k] * sin);
}
