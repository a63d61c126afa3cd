namespace Lem.Grid.Formulations;

/// <summary>
/// Path sensitivities of the LinDistFlow equations of a radial feeder (docs/formulations.md#lindistflow, "Sensitivities"): how flows,
/// squared voltages and the slack injection change per p.u. of injection at a bus, the slack bus (fixed voltage)
/// absorbing the change. Exact for the linear model, including taps and shunt elements.
/// </summary>
/// <remarks>
/// One backward pass up the path from the bus to the root and one forward pass over the tree: O(n) per bus. Each
/// subtree's draw on its parent branch is affine in its root's squared voltage, δF = α + β·δv (β, κ from the shunt
/// elements, computed once); along a tree edge p → c, v_c = a·v_p − 2s(r F + x G) with a = 1/τ², s = 1 when the branch is
/// oriented p → c and a = s = τ² otherwise. Without shunt elements this reduces to ∂v_j/∂p_i = 2R_ij, ∂v_j/∂q_i = 2X_ij.
/// </remarks>
public sealed class LinDistFlowSensitivities
{
    private readonly DistributionFeeder _feeder;
    private readonly NetworkIndex _index;
    private readonly double[] _betaP;
    private readonly double[] _betaQ;
    private readonly double[] _denominator;
    private readonly double[] _a;
    private readonly double[] _s;

    /// <summary>Prepares the sensitivities of a feeder.</summary>
    public LinDistFlowSensitivities(DistributionFeeder feeder)
    {
        ArgumentNullException.ThrowIfNull(feeder);
        _feeder = feeder;
        _index = feeder.Index;
        var n = _index.BusCount;
        _betaP = new double[n];
        _betaQ = new double[n];
        _denominator = new double[n];
        _a = new double[n];
        _s = new double[n];
        for (var o = feeder.Order.Length - 1; o >= 0; o--)
        {
            var j = feeder.Order[o];
            var bp = feeder.ShuntPPerV[j];
            var bq = feeder.ShuntQPerV[j];
            foreach (var c in feeder.Children[j])
            {
                var ac = _a[c] / _denominator[c];
                bp += _betaP[c] * ac;
                bq += _betaQ[c] * ac;
            }

            _betaP[j] = bp;
            _betaQ[j] = bq;
            if (j == feeder.Root)
            {
                continue;
            }

            var k = feeder.ParentBranch[j];
            var tau2 = feeder.TapSquared[k];
            _a[j] = feeder.ParentBranchIsForward[j] ? 1.0 / tau2 : tau2;
            _s[j] = feeder.ParentBranchIsForward[j] ? 1.0 : tau2;
            _denominator[j] = 1 + (2 * _s[j] * ((_index.RPu[k] * bp) + (_index.XPu[k] * bq)));
        }
    }

    /// <summary>The feeder.</summary>
    public DistributionFeeder Feeder => _feeder;

    /// <summary>The sensitivities to one p.u. of extra active (or, with <paramref name="reactive"/>, reactive) injection at <paramref name="bus"/>.</summary>
    public LinDistFlowSensitivity Of(int bus, bool reactive = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bus, _index.BusCount);
        var dv = new double[_index.BusCount];
        var dp = new double[_index.BranchCount];
        var dq = new double[_index.BranchCount];
        var (slackP, slackQ) = Compute(bus, reactive, dv, dp, dq);
        return new LinDistFlowSensitivity(bus, reactive, dv, dp, dq, slackP, slackQ);
    }

    /// <summary>
    /// The response of flows and squared voltages to injections at every bus at once (p.u.; the slack absorbing the
    /// sum): Σ_i p_i·∂/∂p_i + q_i·∂/∂q_i in one backward and one forward pass, O(n) instead of n sensitivities.
    /// </summary>
    /// <remarks>
    /// The same recursions as <see cref="Of"/> with every bus injecting: a subtree's draw on its parent branch is the sum
    /// of its buses' (−p, −q) plus its children's draws through β (docs/formulations.md#lindistflow, "Sensitivities").
    /// </remarks>
    /// <returns>The change of the slack's active and reactive injection.</returns>
    public (double SlackP, double SlackQ) Response(ReadOnlySpan<double> pPu, ReadOnlySpan<double> qPu, Span<double> dv, Span<double> dp, Span<double> dq)
    {
        var n = _index.BusCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(pPu.Length, n, nameof(pPu));
        ArgumentOutOfRangeException.ThrowIfLessThan(qPu.Length, n, nameof(qPu));
        var alpha = new double[n];
        var gamma = new double[n];
        var b = new double[n];
        for (var o = _feeder.Order.Length - 1; o >= 0; o--)
        {
            var j = _feeder.Order[o];
            alpha[j] -= pPu[j];
            gamma[j] -= qPu[j];
            if (j == _feeder.Root)
            {
                continue;
            }

            var k = _feeder.ParentBranch[j];
            b[j] = -2 * _s[j] * ((_index.RPu[k] * alpha[j]) + (_index.XPu[k] * gamma[j])) / _denominator[j];
            var parent = _feeder.Parent[j];
            alpha[parent] += alpha[j] + (_betaP[j] * b[j]);
            gamma[parent] += gamma[j] + (_betaQ[j] * b[j]);
        }

        dv.Clear();
        dp.Clear();
        dq.Clear();
        foreach (var j in _feeder.Order)
        {
            if (j == _feeder.Root)
            {
                continue;
            }

            dv[j] = (_a[j] / _denominator[j] * dv[_feeder.Parent[j]]) + b[j];
            var k = _feeder.ParentBranch[j];
            var sign = _feeder.ParentBranchIsForward[j] ? 1.0 : -1.0;
            dp[k] = sign * (alpha[j] + (_betaP[j] * dv[j]));
            dq[k] = sign * (gamma[j] + (_betaQ[j] * dv[j]));
        }

        return (alpha[_feeder.Root], gamma[_feeder.Root]);
    }

    /// <summary>Fills the sensitivities into caller-owned buffers (length: buses, branches, branches) and returns the slack's.</summary>
    internal (double SlackP, double SlackQ) Compute(int bus, bool reactive, Span<double> dv, Span<double> dp, Span<double> dq)
    {
        dv.Clear();
        dp.Clear();
        dq.Clear();
        if (bus == _feeder.Root)
        {
            return reactive ? (0.0, -1.0) : (-1.0, 0.0);
        }

        // Backward along the path: the draw of the subtree of c on its parent branch, δF = α_c + β_c δv_c, δG = γ_c + κ_c δv_c,
        // and δv_c = A_c δv_parent + B_c. Off the path α = γ = B = 0.
        double alpha = reactive ? 0.0 : -1.0;
        double gamma = reactive ? -1.0 : 0.0;
        var c = bus;
        var alphas = new Dictionary<int, (double Alpha, double Gamma, double B)>();
        while (c != _feeder.Root)
        {
            var k = _feeder.ParentBranch[c];
            var b = -2 * _s[c] * ((_index.RPu[k] * alpha) + (_index.XPu[k] * gamma)) / _denominator[c];
            alphas[c] = (alpha, gamma, b);
            var nextAlpha = alpha + (_betaP[c] * b);
            var nextGamma = gamma + (_betaQ[c] * b);
            alpha = nextAlpha;
            gamma = nextGamma;
            c = _feeder.Parent[c];
        }

        // Forward over the whole tree (voltage changes reach every bus through the shunt elements).
        foreach (var j in _feeder.Order)
        {
            if (j == _feeder.Root)
            {
                continue;
            }

            var parent = _feeder.Parent[j];
            var (aj, gj, bj) = alphas.TryGetValue(j, out var found) ? found : (0.0, 0.0, 0.0);
            dv[j] = (_a[j] / _denominator[j] * dv[parent]) + bj;
            var k = _feeder.ParentBranch[j];
            var sign = _feeder.ParentBranchIsForward[j] ? 1.0 : -1.0;
            dp[k] = sign * (aj + (_betaP[j] * dv[j]));
            dq[k] = sign * (gj + (_betaQ[j] * dv[j]));
        }

        return (alpha, gamma);
    }
}
