namespace Lem.Grid.Formulations;

/// <summary>
/// LinDist3Flow (Sankur et al. 2016; Gan &amp; Low 2014; docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices):
/// the linearised unbalanced branch flow model of a radial feeder, per phase, for an LP solver, with per-phase DLMPs.
/// </summary>
/// <remarks>
/// <para>Variables per slot: the squared voltage Y_i^φ = |V_i^φ|² (p.u. of the phase-to-neutral base) of every bus and
/// phase, fixed at the set point squared at the slack; the per-phase sending-end flows P_k^φ, Q_k^φ of every branch in
/// p.u. of S_base/3 (so a balanced flow has the single-phase LinDistFlow value on every phase).</para>
/// <para>Rows: per-(bus, phase) active and reactive balances (one summed over the phases at the slack bus, which
/// supplies any phase); the voltage drop Y_n^φ = Y_m^φ/τ² − 2 Re[Σ_ψ conj(z_φψ) (α^φ/α^ψ) S_mn^ψ] with the line's 3×3
/// phase impedance from its sequence impedances (Z_0 = <see cref="ZeroToPositiveRatio"/>·Z_1: the network data has no
/// zero-sequence data); per-phase voltage limits; per-phase thermal limits |S^φ| ≤ S/3 as the inscribed polygon of
/// <see cref="LinDistFlowThermalLimit.Polygon"/>; optionally the linearised voltage unbalance factor limit.</para>
/// <para>Transformers whose phase shift is an odd multiple of 30° (Dyn5, Dyn11, …) map each LV phase's power onto the
/// two HV phases of its delta winding (split like a delta load at balanced voltages) and its squared voltage onto the
/// mean of theirs; the others (Yy0, …) map phase to phase. Transformer impedances have no mutual coupling.</para>
/// </remarks>
public sealed class LinDist3FlowFormulation : IUnbalanceLimitedFormulation
{
    /// <summary>Creates the formulation.</summary>
    /// <param name="zeroToPositiveRatio">Z_0/Z_1 of every line (4 for LV cables, docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices).</param>
    /// <param name="polygonSides">Sides of the thermal and unbalance polygons (even, at least 4).</param>
    /// <param name="maxUnbalancePercent">The limit on the linearised voltage unbalance factor |V_2|/|V_1| in percent (2 in EN 50160), or null for none.</param>
    public LinDist3FlowFormulation(double zeroToPositiveRatio = 4.0, int polygonSides = 12, double? maxUnbalancePercent = null)
    {
        if (polygonSides < 4 || polygonSides % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(polygonSides), polygonSides, "The polygon needs an even number of sides, at least 4.");
        }

        if (!double.IsFinite(zeroToPositiveRatio) || zeroToPositiveRatio <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(zeroToPositiveRatio), zeroToPositiveRatio, "Z0/Z1 must be positive.");
        }

        if (maxUnbalancePercent is { } vuf && (!double.IsFinite(vuf) || vuf <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxUnbalancePercent), vuf, "The unbalance limit must be positive.");
        }

        ZeroToPositiveRatio = zeroToPositiveRatio;
        PolygonSides = polygonSides;
        MaxUnbalancePercent = maxUnbalancePercent;
    }

    /// <inheritdoc />
    public string Name => "lindist3flow";

    /// <inheritdoc />
    public IGridFormulation WithMaxUnbalancePercent(double maxUnbalancePercent) => new LinDist3FlowFormulation(ZeroToPositiveRatio, PolygonSides, maxUnbalancePercent);

    /// <inheritdoc />
    public bool HasVoltages => true;

    /// <summary>Z_0/Z_1 of the lines.</summary>
    public double ZeroToPositiveRatio { get; }

    /// <summary>Sides of the thermal and unbalance polygons.</summary>
    public int PolygonSides { get; }

    /// <summary>The voltage unbalance limit in percent, or null.</summary>
    public double? MaxUnbalancePercent { get; }

    /// <inheritdoc />
    public string? CannotRepresent(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (DistributionFeeder.WhyNotRadial(index) is { } why)
        {
            return why;
        }

        var feeder = DistributionFeeder.Build(index);
        foreach (var bus in feeder.Order)
        {
            var k = bus == feeder.Root ? -1 : feeder.ParentBranch[bus];
            if (k >= 0 && LinDist3FlowBranch.IsDelta(index, k) && !feeder.ParentBranchIsForward[bus])
            {
                return $"Transformer '{index.BranchIds[k]}' has its HV side away from the slack; LinDist3Flow needs the delta (HV) side towards the slack.";
            }
        }

        return null;
    }

    /// <inheritdoc />
    IPreparedGridFormulation IGridFormulation.Prepare(NetworkIndex index) => Prepare(index);

    /// <summary>Prepares the model of a feeder: the tree, the branches' 3×3 drop coefficients and the limits.</summary>
    /// <exception cref="ArgumentException">When the network is not a radial feeder with one slack (<see cref="CannotRepresent"/>).</exception>
    public PreparedLinDist3FlowFormulation Prepare(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (CannotRepresent(index) is { } why)
        {
            throw new ArgumentException(why, nameof(index));
        }

        return new PreparedLinDist3FlowFormulation(this, DistributionFeeder.Build(index));
    }
}
