using Lem.Grid.Indexing;
using Lem.Optimization;

namespace Lem.Grid.Formulations;

/// <summary>
/// The second-order cone relaxation of the DistFlow branch flow model of a radial feeder (FORMULATIONS §4; Farivar &amp;
/// Low 2013), with losses, line charging, bus shunts and taps.
/// </summary>
/// <remarks>
/// <para>Variables, per unit on the model's power base (<see cref="SocDistFlowPerUnit"/>; the network's base unless that is
/// far from the feeder's power): for each branch k = (f → t) the power P_k + jQ_k entering its series
/// impedance z_k = r_k + jx_k on the from side (behind the ideal transformer of ratio τ_k) and the squared series current
/// ℓ_k ≥ 0; for each bus the squared voltage w_i = |V_i|² ≥ 0, fixed at the set point squared at the slack.</para>
/// <para>Constraints for each slot:</para>
/// <list type="bullet">
/// <item>active balance p_i/S_base = Σ_{k: f=i} P_k + Σ_{k: t=i} (r_k ℓ_k − P_k) + g_i^sh·w_i and reactive balance
/// q_i/S_base = Σ_{k: f=i} Q_k + Σ_{k: t=i} (x_k ℓ_k − Q_k) + b_i^sh·w_i, where the shunt terms collect the bus shunt
/// (G_s, −B_s) and half of each branch's charging at its ends (over τ² at the from end); their duals are the DLMPs,
/// with a loss component through r·ℓ;</item>
/// <item>voltage drop w_t = w_f/τ_k² − 2(r_k P_k + x_k Q_k) + (r_k² + x_k²)·ℓ_k;</item>
/// <item>the rotated cone P_k² + Q_k² ≤ (w_f/τ_k²)·ℓ_k (written (τP)² + (τQ)² ≤ w_f·ℓ), the relaxation of equality;</item>
/// <item>voltage limits VmMin² ≤ w_i ≤ VmMax² as rows;</item>
/// <item>where the rating S is finite, the cones ‖(P_end, Q_end)‖ ≤ S at both ends of the branch.</item>
/// </list>
/// <para>The relaxation is exact when every cone is tight; <see cref="SocDistFlowSlot.Exactness"/> checks it after the
/// solve (sufficient conditions: cost increasing in losses, no binding upper voltage limit with reverse flow; Gan, Li,
/// Topcu &amp; Low 2015). Radial feeders with one slack only: angles are relaxed, which is exact on a tree.</para>
/// <para>Sources: M. Farivar, S. H. Low, "Branch flow model: relaxations and convexification — Part I", IEEE Trans. Power
/// Systems 28(3), 2013; M. E. Baran, F. F. Wu, IEEE Trans. Power Delivery 4(2), 1989; L. Gan, N. Li, U. Topcu,
/// S. H. Low, "Exact convex relaxation of optimal power flow in radial networks", IEEE Trans. Automatic Control 60(1), 2015.</para>
/// </remarks>
public sealed class SocDistFlowFormulation : IGridFormulation
{
    /// <summary>Creates the formulation.</summary>
    /// <param name="exactnessTolerance">The largest relative cone gap for which a solution counts as exact (see <see cref="SocLineExactness.RelativeGap"/>).</param>
    /// <param name="powerBaseMva">The power base the model is written in (see <see cref="SocDistFlowPerUnit"/>); null for
    /// <see cref="SocDistFlowPerUnit.AutomaticPowerBaseMva"/>.</param>
    public SocDistFlowFormulation(double exactnessTolerance = 1e-5, double? powerBaseMva = null)
    {
        if (!(exactnessTolerance > 0) || !double.IsFinite(exactnessTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(exactnessTolerance), exactnessTolerance, "The tolerance must be a positive number.");
        }

        if (powerBaseMva is { } b && (!(b > 0) || !double.IsFinite(b)))
        {
            throw new ArgumentOutOfRangeException(nameof(powerBaseMva), b, "The power base must be a positive number.");
        }

        ExactnessTolerance = exactnessTolerance;
        PowerBaseMva = powerBaseMva;
    }

    /// <inheritdoc />
    public string Name => "soc";

    /// <inheritdoc />
    public bool HasVoltages => true;

    /// <summary>The largest relative cone gap for which a solution counts as exact.</summary>
    public double ExactnessTolerance { get; }

    /// <summary>The power base the model is written in, or null to choose it per network (<see cref="SocDistFlowPerUnit.AutomaticPowerBaseMva"/>).</summary>
    public double? PowerBaseMva { get; }

    /// <inheritdoc />
    public string? CannotRepresent(NetworkIndex index) => DistributionFeeder.WhyNotRadial(index);

    /// <inheritdoc />
    GridSlot IGridFormulation.AddSlot(OptimizationModel model, NetworkIndex index, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar) =>
        AddSlot(model, index, slot, pInjectionMw, qInjectionMvar);

    /// <summary>Adds the SOC branch flow model of one slot (see the class remarks) and returns its read-out.</summary>
    /// <exception cref="ArgumentException">When the network is not a radial feeder with one slack, or the injection lists do not match the buses.</exception>
    public SocDistFlowSlot AddSlot(OptimizationModel model, NetworkIndex index, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(pInjectionMw);
        ArgumentNullException.ThrowIfNull(qInjectionMvar);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        DcFormulation.CheckInjections(index, pInjectionMw, qInjectionMvar);
        var feeder = DistributionFeeder.Build(index);
        int n = index.BusCount, m = index.BranchCount;
        var pu = new SocDistFlowPerUnit(feeder, PowerBaseMva ?? SocDistFlowPerUnit.AutomaticPowerBaseMva(index));
        var baseMva = pu.PowerBaseMva;

        var w = new Variable[n];
        var voltageRows = new Constraint?[n];
        var flatStart = index.VmSetpointPu[feeder.Root] * index.VmSetpointPu[feeder.Root];
        for (var i = 0; i < n; i++)
        {
            if (i == feeder.Root)
            {
                var ws = index.VmSetpointPu[i] * index.VmSetpointPu[i];
                w[i] = model.AddVariable(ws, ws, $"w[{slot},{index.BusIds[i]}]");
                continue;
            }

            w[i] = model.AddVariable(0.0, double.PositiveInfinity, $"w[{slot},{index.BusIds[i]}]");
            model.SetStart(w[i], flatStart);
            var (lo, hi) = LinDistFlowFormulation.SquaredLimits(index, i);
            if (double.IsFinite(lo) || double.IsFinite(hi))
            {
                voltageRows[i] = model.AddConstraint(new LinearExpression().Add(w[i], 1.0), lo, hi, $"vlim[{slot},{index.BusIds[i]}]");
            }
        }

        var p = new Variable[m];
        var q = new Variable[m];
        var l = new Variable[m];
        for (var k = 0; k < m; k++)
        {
            p[k] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"P[{slot},{index.BranchIds[k]}]");
            q[k] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"Q[{slot},{index.BranchIds[k]}]");
            l[k] = model.AddVariable(0.0, double.PositiveInfinity, $"l[{slot},{index.BranchIds[k]}]");
        }

        var pBalance = new LinearExpression[n];
        var qBalance = new LinearExpression[n];
        for (var i = 0; i < n; i++)
        {
            pBalance[i] = new LinearExpression().Add(pInjectionMw[i], 1.0 / baseMva).Add(w[i], -pu.ShuntPPerV[i]);
            qBalance[i] = new LinearExpression().Add(qInjectionMvar[i], 1.0 / baseMva).Add(w[i], -pu.ShuntQPerV[i]);
        }

        var drops = new Constraint[m];
        var cones = new ConeConstraint[m];
        var thermal = new List<ConeConstraint>();
        for (var k = 0; k < m; k++)
        {
            int f = index.FromIndex[k], t = index.ToIndex[k];
            double r = pu.RPu[k], x = pu.XPu[k], tau2 = feeder.TapSquared[k];
            pBalance[f].Add(p[k], -1.0);
            pBalance[t].Add(p[k], 1.0).Add(l[k], -r);
            qBalance[f].Add(q[k], -1.0);
            qBalance[t].Add(q[k], 1.0).Add(l[k], -x);
            var drop = new LinearExpression().Add(w[t], 1.0).Add(w[f], -1.0 / tau2).Add(p[k], 2 * r).Add(q[k], 2 * x).Add(l[k], -((r * r) + (x * x)));
            drops[k] = model.AddEquality(drop, 0.0, $"drop[{slot},{index.BranchIds[k]}]");
            var tau = Math.Sqrt(tau2);
            cones[k] = model.AddRotatedCone(w[f], l[k], [new LinearExpression().Add(p[k], tau), new LinearExpression().Add(q[k], tau)], $"bfm[{slot},{index.BranchIds[k]}]");

            var rating = pu.RatingPu[k];
            if (double.IsFinite(rating))
            {
                var head = model.AddVariable(rating, rating, $"S[{slot},{index.BranchIds[k]}]");
                double gHalf = pu.GPu[k] / 2, bHalf = pu.BPu[k] / 2;
                var pFrom = new LinearExpression().Add(p[k], 1.0).Add(w[f], gHalf / tau2);
                var qFrom = new LinearExpression().Add(q[k], 1.0).Add(w[f], -bHalf / tau2);
                var pTo = new LinearExpression().Add(p[k], -1.0).Add(l[k], r).Add(w[t], gHalf);
                var qTo = new LinearExpression().Add(q[k], -1.0).Add(l[k], x).Add(w[t], -bHalf);
                thermal.Add(model.AddCone(head, [pFrom, qFrom], $"smax[{slot},{index.BranchIds[k]},f]"));
                thermal.Add(model.AddCone(head, [pTo, qTo], $"smax[{slot},{index.BranchIds[k]},t]"));
            }
        }

        var pRows = new Constraint[n];
        var qRows = new Constraint[n];
        for (var i = 0; i < n; i++)
        {
            pRows[i] = model.AddEquality(pBalance[i], 0.0, $"pbal[{slot},{index.BusIds[i]}]");
            qRows[i] = model.AddEquality(qBalance[i], 0.0, $"qbal[{slot},{index.BusIds[i]}]");
        }

        return new SocDistFlowSlot(index, feeder, pu, ExactnessTolerance, w, p, q, l, pRows, qRows, drops, voltageRows, cones, thermal) { Slot = slot };
    }
}
