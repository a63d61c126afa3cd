namespace Lem.Grid.Formulations;

/// <summary>
/// LinDistFlow (Baran &amp; Wu 1989, linearised; docs/formulations.md#lindistflow): the branch flow model of a radial feeder with the
/// series losses dropped, all linear, for an LP solver.
/// </summary>
/// <remarks>
/// <para>Variables, all per unit on the network base: for each branch k = (f → t) the active and reactive power P_k, Q_k
/// entering its series impedance on the from side (after the ideal transformer of ratio τ_k); for each bus the squared
/// voltage magnitude v_i = |V_i|², fixed at the set point squared at the slack bus.</para>
/// <para>Constraints for each slot (added by <see cref="PreparedLinDistFlowFormulation.AddSlot"/>):</para>
/// <list type="bullet">
/// <item>nodal active balance p_i/S_base = Σ_{k: f=i} P_k − Σ_{k: t=i} P_k + g_i^sh·v_i, and reactive balance
/// q_i/S_base = Σ_{k: f=i} Q_k − Σ_{k: t=i} Q_k + b_i^sh·v_i, where the shunt terms collect the bus shunt (G_s, −B_s) and half
/// of each branch's charging conductance/susceptance at its ends (divided by τ² at the from end) — linear in v, so they are
/// kept exactly; the duals are the (D)LMPs;</item>
/// <item>voltage drop v_t = v_f/τ_k² − 2(r_k P_k + x_k Q_k) (the from-side voltage is referred through the tap);</item>
/// <item>voltage limits VmMin² ≤ v_i ≤ VmMax² as rows (their duals give the voltage component of the DLMP);</item>
/// <item>where the rating S is finite, the thermal limit on the flow entering the branch at its from end (and at its to
/// end when the branch has charging) as an inscribed polygon (<see cref="LinDistFlowThermalLimit.Polygon"/>) or as
/// |P| ≤ S (<see cref="LinDistFlowThermalLimit.ActivePower"/>).</item>
/// </list>
/// <para>Only radial networks with one slack bus are accepted: angles are eliminated, which is exact on a tree only.
/// Active losses are zero (series losses dropped); voltages are reported as √v. Phase shifts drop out.</para>
/// <para>Sources: M. E. Baran, F. F. Wu, "Network reconfiguration in distribution systems for loss reduction and load
/// balancing", IEEE Trans. Power Delivery 4(2), 1989; A. Papavasiliou, "Analysis of distribution locational marginal
/// prices", IEEE Trans. Smart Grid 9(5), 2018.</para>
/// </remarks>
public sealed class LinDistFlowFormulation : IGridFormulation
{
    /// <summary>Creates the formulation.</summary>
    /// <param name="thermalLimit">How thermal ratings are linearised.</param>
    /// <param name="polygonSides">The number of sides of the polygon (even, at least 4).</param>
    public LinDistFlowFormulation(LinDistFlowThermalLimit thermalLimit = LinDistFlowThermalLimit.Polygon, int polygonSides = 12)
    {
        if (polygonSides < 4 || polygonSides % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(polygonSides), polygonSides, "The polygon needs an even number of sides, at least 4.");
        }

        ThermalLimit = thermalLimit;
        PolygonSides = polygonSides;
    }

    /// <inheritdoc />
    public string Name => "lindistflow";

    /// <inheritdoc />
    public bool HasVoltages => true;

    /// <summary>How thermal ratings are linearised.</summary>
    public LinDistFlowThermalLimit ThermalLimit { get; }

    /// <summary>The number of sides of the thermal polygon.</summary>
    public int PolygonSides { get; }

    /// <inheritdoc />
    public string? CannotRepresent(NetworkIndex index) => DistributionFeeder.WhyNotRadial(index);

    /// <inheritdoc />
    IPreparedGridFormulation IGridFormulation.Prepare(NetworkIndex index) => Prepare(index);

    /// <summary>
    /// Prepares the LinDistFlow model of a feeder: the tree (<see cref="DistributionFeeder"/>, with its tap and shunt data),
    /// the squared voltage limits and the thermal polygon are built once; the path sensitivities on first use.
    /// </summary>
    /// <exception cref="ArgumentException">When the network is not a radial feeder with one slack.</exception>
    public PreparedLinDistFlowFormulation Prepare(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new PreparedLinDistFlowFormulation(this, DistributionFeeder.Build(index));
    }

    /// <summary>The squared voltage limits of a bus; −∞/+∞ where there is no limit.</summary>
    internal static (double Lower, double Upper) SquaredLimits(NetworkIndex index, int bus)
    {
        var vmin = index.VmMinPu[bus];
        var vmax = index.VmMaxPu[bus];
        var lo = double.IsFinite(vmin) && vmin > 0 ? vmin * vmin : double.NegativeInfinity;
        var hi = double.IsFinite(vmax) ? vmax * vmax : double.PositiveInfinity;
        return (lo, hi);
    }
}
