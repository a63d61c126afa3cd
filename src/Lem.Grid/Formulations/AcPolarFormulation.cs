using System.Runtime.CompilerServices;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Optimization;

namespace Lem.Grid.Formulations;

/// <summary>
/// The exact AC power-flow equations in polar coordinates (the "ac" formulation, as PowerModels' ACPPowerModel and
/// MATPOWER's AC OPF): per slot, voltage magnitudes and angles, nodal active and reactive power balances and branch
/// thermal limits |S| ≤ rating at both ends. Non-convex; needs a nonlinear back end (Ipopt), which finds a local optimum
/// from the power-flow start point.
/// </summary>
/// <remarks>
/// <para>
/// Variables per slot: v_i ∈ [VmMin, VmMax] (p.u.) and θ_i (rad, free) per solver bus; the slack angle is fixed to its
/// set point, and the slack magnitude too when <see cref="FixSlackVoltageMagnitude"/> (the default: a distribution grid
/// behind a substation with a voltage set point; MATPOWER's OPF leaves it free within its limits). Start values are the
/// case's voltages (<see cref="PowerFlow.NewtonRaphsonStart"/>).
/// </para>
/// <para>
/// Constraints per bus i: P_i(v, θ) − p_i/S_base = 0 and Q_i(v, θ) − q_i/S_base = 0 in per unit, where p_i, q_i are the
/// caller's injection expressions (MW, Mvar; their variables enter linearly) and P_i, Q_i the injections of MATPOWER's
/// bus admittance matrix (bus shunts included). Per branch with a finite rating: P_f² + Q_f² ≤ rating² and
/// P_t² + Q_t² ≤ rating² (p.u.). All with exact first and second derivatives.
/// </para>
/// <para>
/// Prices: the dual of the P balance is ∂f*/∂(p_i's constant / S_base), so the marginal cost of 1 MW more demand at
/// bus i is −dual / S_base (objective units per MW); see <see cref="AcPolarSlot.ActivePrices"/>.
/// </para>
/// </remarks>
public sealed class AcPolarFormulation : IGridFormulation
{
    private static readonly ConditionalWeakTable<NetworkIndex, AcPolarNetwork> Networks = [];

    /// <summary>Creates the formulation with the slack voltage magnitude fixed to its set point.</summary>
    public AcPolarFormulation()
    {
    }

    /// <summary>
    /// Whether the slack bus voltage magnitude is fixed to its set point (default true). False leaves it free within the
    /// bus's voltage limits, as MATPOWER's and PowerModels' OPF do (the angle stays fixed as the reference).
    /// </summary>
    public bool FixSlackVoltageMagnitude { get; init; } = true;

    /// <summary>Whether branch thermal limits are added for branches with a finite rating (default true).</summary>
    public bool EnforceBranchRatings { get; init; } = true;

    /// <inheritdoc/>
    public string Name => "ac";

    /// <inheritdoc/>
    public bool HasVoltages => true;

    /// <inheritdoc/>
    public string? CannotRepresent(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.BusCount == 0)
        {
            return "The network has no in-service buses.";
        }

        if (index.SlackIndices.IsEmpty)
        {
            return "The network has no slack bus; the AC formulation needs one as the angle reference.";
        }

        var topology = Networks.GetValue(index, AcPolarNetwork.Build).Model.Topology;
        if (!topology.UnreachableBusIds.IsEmpty)
        {
            var first = string.Join(", ", topology.UnreachableBusIds.Take(5).Select(b => b.Value));
            return $"{topology.UnreachableBusIds.Length} bus(es) lie in islands without a slack bus (first: {first}); their voltage angles would have no reference.";
        }

        return null;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">When the injection lists do not have one expression per solver bus, or the network cannot be represented.</exception>
    public GridSlot AddSlot(OptimizationModel model, NetworkIndex index, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(pInjectionMw);
        ArgumentNullException.ThrowIfNull(qInjectionMvar);
        var n = index.BusCount;
        if (pInjectionMw.Count != n || qInjectionMvar.Count != n)
        {
            throw new ArgumentException($"The network has {n} solver buses; got {pInjectionMw.Count} active and {qInjectionMvar.Count} reactive injection expressions.");
        }

        var why = CannotRepresent(index);
        if (why is not null)
        {
            throw new ArgumentException(why, nameof(index));
        }

        var network = Networks.GetValue(index, AcPolarNetwork.Build);
        var baseMva = index.BaseMva;
        var vm = new Variable[n];
        var va = new Variable[n];
        for (var i = 0; i < n; i++)
        {
            var id = index.BusIds[i].Value;
            var slack = index.BusTypes[i] == BusType.Slack;
            double lower = index.VmMinPu[i], upper = index.VmMaxPu[i];
            if (slack && FixSlackVoltageMagnitude)
            {
                lower = upper = index.VmSetpointPu[i];
            }

            vm[i] = model.AddVariable(lower, upper, $"vm[{slot},{id}]");
            model.SetStart(vm[i], Math.Clamp(network.StartVm[i], lower, upper));
            va[i] = slack
                ? model.AddVariable(index.VaSetpointRad[i], index.VaSetpointRad[i], $"va[{slot},{id}]")
                : model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"va[{slot},{id}]");
            model.SetStart(va[i], slack ? index.VaSetpointRad[i] : network.StartVa[i]);
        }

        var pBalance = new NonlinearConstraint[n];
        var qBalance = new NonlinearConstraint[n];
        for (var i = 0; i < n; i++)
        {
            var id = index.BusIds[i].Value;
            var p = pInjectionMw[i];
            var q = qInjectionMvar[i];
            pBalance[i] = model.AddNonlinearConstraint(new AcPolarInjection(network, i, false, vm, va, p, baseMva), p.Constant / baseMva, p.Constant / baseMva, $"p_balance[{slot},{id}]");
            qBalance[i] = model.AddNonlinearConstraint(new AcPolarInjection(network, i, true, vm, va, q, baseMva), q.Constant / baseMva, q.Constant / baseMva, $"q_balance[{slot},{id}]");
        }

        var flowsFrom = new AcPolarBranchFlow[index.BranchCount];
        var flowsTo = new AcPolarBranchFlow[index.BranchCount];
        var limits = new List<(int Branch, NonlinearConstraint From, NonlinearConstraint To)>();
        var pf = network.Model;
        for (var k = 0; k < index.BranchCount; k++)
        {
            int f = index.FromIndex[k], t = index.ToIndex[k];
            flowsFrom[k] = new AcPolarBranchFlow(pf.Yff[k], pf.Yft[k], vm[f], va[f], vm[t], va[t]);
            flowsTo[k] = new AcPolarBranchFlow(pf.Ytt[k], pf.Ytf[k], vm[t], va[t], vm[f], va[f]);
            var rating = index.RatingPu[k];
            if (EnforceBranchRatings && double.IsFinite(rating) && rating > 0)
            {
                var id = index.BranchIds[k];
                var from = model.AddNonlinearConstraint(flowsFrom[k], double.NegativeInfinity, rating * rating, $"rating_from[{slot},{id}]");
                var to = model.AddNonlinearConstraint(flowsTo[k], double.NegativeInfinity, rating * rating, $"rating_to[{slot},{id}]");
                limits.Add((k, from, to));
            }
        }

        return new AcPolarSlot(index, vm, va, pBalance, qBalance, flowsFrom, flowsTo, limits) { Slot = slot };
    }
}
