namespace Lem.Grid.Formulations;

/// <summary>
/// The second-order cone relaxation of the DistFlow branch flow model of a radial feeder (docs/formulations.md#soc-distflow;
/// Farivar &amp; Low 2013), with losses, line charging, bus shunts and taps.
/// </summary>
/// <remarks>
/// <para>Variables, per unit on the model's power base (<see cref="SocDistFlowPerUnit"/>; the network's base unless that is
/// far from the feeder's power): for each branch k = (f → t) the power P_k + jQ_k entering its series
/// impedance z_k = r_k + jx_k on the from side (behind the ideal transformer of ratio τ_k) and the squared series current
/// ℓ_k ≥ 0; for each bus the squared voltage w_i = |V_i|² ≥ 0, fixed at the set point squared at the slack.</para>
/// <para>Constraints for each slot (added by <see cref="PreparedSocDistFlowFormulation.AddSlot"/>):</para>
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
    IPreparedGridFormulation IGridFormulation.Prepare(NetworkIndex index) => Prepare(index);

    /// <summary>
    /// Prepares the SOC model of a feeder: the tree (<see cref="DistributionFeeder"/>), the power base and the data in per
    /// unit on it (<see cref="SocDistFlowPerUnit"/>) and the squared voltage limits are built once.
    /// </summary>
    /// <exception cref="ArgumentException">When the network is not a radial feeder with one slack.</exception>
    public PreparedSocDistFlowFormulation Prepare(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var feeder = DistributionFeeder.Build(index);
        var pu = new SocDistFlowPerUnit(feeder, PowerBaseMva ?? SocDistFlowPerUnit.AutomaticPowerBaseMva(index));
        return new PreparedSocDistFlowFormulation(this, feeder, pu);
    }
}
