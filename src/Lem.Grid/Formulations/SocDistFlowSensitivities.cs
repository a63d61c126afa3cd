using Lem.Grid.Sparse;

namespace Lem.Grid.Formulations;

/// <summary>
/// Sensitivities of the exact branch flow model (the SOC model with every cone an equality) of a radial feeder at an
/// operating point, by the adjoint method: for an output o (the slack injections, a squared voltage),
/// ∂o/∂p_i = z[row of the active balance at i] with Jᵀz = ∇o, J the Jacobian of the balances, voltage drops and
/// (τ²(P² + Q²) − w_f·ℓ = 0) in the unknowns (P, Q, ℓ per branch; w per non-slack bus; the slack's p and q).
/// One sparse LU (KLU) of Jᵀ serves every output.
/// </summary>
internal sealed class SocDistFlowSensitivities : IDisposable
{
    private readonly KluSolver _klu = new();
    private readonly int _n;
    private readonly int _m;
    private readonly int[] _wColumn;

    /// <summary>Linearises the model of <paramref name="feeder"/> at the point (P, Q, ℓ per branch, w per bus) in p.u. of <paramref name="pu"/>'s base.</summary>
    public SocDistFlowSensitivities(DistributionFeeder feeder, SocDistFlowPerUnit pu, double[] p, double[] q, double[] l, double[] w)
    {
        var index = feeder.Index;
        _n = index.BusCount;
        _m = index.BranchCount;
        var size = (2 * _n) + (2 * _m);
        _wColumn = new int[_n];
        var next = 3 * _m;
        for (var i = 0; i < _n; i++)
        {
            _wColumn[i] = i == feeder.Root ? -1 : next++;
        }

        var slackP = next;
        var slackQ = next + 1;
        var entries = new Dictionary<(int Row, int Col), double>();
        void Add(int row, int col, double value)
        {
            if (col < 0 || value == 0)
            {
                return;
            }

            entries[(row, col)] = entries.GetValueOrDefault((row, col)) + value;
        }

        // Rows: P balance of bus i = i, Q balance = n + i, drop of branch k = 2n + k, cone = 2n + m + k.
        for (var i = 0; i < _n; i++)
        {
            Add(i, _wColumn[i], pu.ShuntPPerV[i]);
            Add(_n + i, _wColumn[i], pu.ShuntQPerV[i]);
        }

        Add(feeder.Root, slackP, -1.0);
        Add(_n + feeder.Root, slackQ, -1.0);
        for (var k = 0; k < _m; k++)
        {
            int f = index.FromIndex[k], t = index.ToIndex[k];
            double r = pu.RPu[k], x = pu.XPu[k], tau2 = feeder.TapSquared[k];
            int cp = k, cq = _m + k, cl = (2 * _m) + k;
            Add(f, cp, 1.0);
            Add(t, cp, -1.0);
            Add(t, cl, r);
            Add(_n + f, cq, 1.0);
            Add(_n + t, cq, -1.0);
            Add(_n + t, cl, x);
            var drop = (2 * _n) + k;
            Add(drop, _wColumn[t], 1.0);
            Add(drop, _wColumn[f], -1.0 / tau2);
            Add(drop, cp, 2 * r);
            Add(drop, cq, 2 * x);
            Add(drop, cl, -((r * r) + (x * x)));
            var cone = (2 * _n) + _m + k;
            Add(cone, cp, 2 * tau2 * p[k]);
            Add(cone, cq, 2 * tau2 * q[k]);
            Add(cone, cl, -w[f]);
            Add(cone, _wColumn[f], -l[k]);
        }

        // Jᵀ in compressed columns: column c of Jᵀ is row c of J.
        var byColumn = entries.GroupBy(e => e.Key.Row).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Key.Col).ToList());
        var starts = new int[size + 1];
        var rows = new int[entries.Count];
        var values = new double[entries.Count];
        var position = 0;
        for (var c = 0; c < size; c++)
        {
            starts[c] = position;
            if (byColumn.TryGetValue(c, out var column))
            {
                foreach (var e in column)
                {
                    rows[position] = e.Key.Col;
                    values[position] = e.Value;
                    position++;
                }
            }
        }

        starts[size] = position;
        _klu.Analyze(size, starts, rows);
        var status = _klu.Factor(values);
        if (status != KluStatus.Ok)
        {
            throw new InvalidOperationException($"The branch flow Jacobian at this operating point is singular ({status}); the sensitivities are undefined.");
        }

        Size = size;
        SlackPColumn = slackP;
        SlackQColumn = slackQ;
    }

    /// <summary>The number of unknowns.</summary>
    public int Size { get; }

    /// <summary>The unknown of the slack's active injection.</summary>
    public int SlackPColumn { get; }

    /// <summary>The unknown of the slack's reactive injection.</summary>
    public int SlackQColumn { get; }

    /// <summary>The unknown of the squared voltage of a non-slack bus.</summary>
    public int VoltageColumn(int bus) => _wColumn[bus];

    /// <summary>∂(unknown <paramref name="column"/>)/∂(active injection at each bus), for every bus.</summary>
    public double[] ToActiveInjections(int column)
    {
        var z = new double[Size];
        z[column] = 1.0;
        _klu.Solve(z);

        // The balance row of bus i reads outflow_i(x) − p_i = 0, so J δx = e_i δp_i and δx_c = (J⁻ᵀ e_c)_i δp_i.
        return z[.._n];
    }

    /// <inheritdoc />
    public void Dispose() => _klu.Dispose();
}
