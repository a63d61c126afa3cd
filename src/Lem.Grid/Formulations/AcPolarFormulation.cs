using System.Runtime.CompilerServices;

namespace Lem.Grid.Formulations;

/// <summary>
/// The exact AC power-flow equations in polar coordinates (the "ac" formulation, docs/formulations.md#ac-polar; as
/// PowerModels' ACPPowerModel and MATPOWER's AC OPF): per slot, voltage magnitudes and angles, nodal active and reactive
/// power balances and branch thermal limits |S| ≤ rating at both ends. Non-convex; needs a nonlinear back end (Ipopt),
/// which finds a local optimum from the power-flow start point.
/// </summary>
/// <remarks>
/// <para>
/// Variables per slot (added by <see cref="PreparedAcPolarFormulation.AddSlot"/>): v_i ∈ [VmMin, VmMax] (p.u.) and θ_i (rad, free) per solver bus; the slack angle is fixed to its
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
    IPreparedGridFormulation IGridFormulation.Prepare(NetworkIndex index) => Prepare(index);

    /// <summary>
    /// Prepares the AC model of a network: the bus admittance rows, the branch admittance blocks and the power-flow start
    /// voltages are built once (and shared with <see cref="CannotRepresent"/> for the same index).
    /// </summary>
    /// <exception cref="ArgumentException">When the network cannot be represented (see <see cref="CannotRepresent"/>).</exception>
    public PreparedAcPolarFormulation Prepare(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var why = CannotRepresent(index);
        if (why is not null)
        {
            throw new ArgumentException(why, nameof(index));
        }

        return new PreparedAcPolarFormulation(this, Networks.GetValue(index, AcPolarNetwork.Build));
    }
}
