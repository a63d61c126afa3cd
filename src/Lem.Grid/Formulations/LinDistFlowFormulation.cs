using Lem.Grid.Indexing;
using Lem.Optimization;

namespace Lem.Grid.Formulations;

/// <summary>
/// LinDistFlow (Baran &amp; Wu 1989, linearised; FORMULATIONS §3): the branch flow model of a radial feeder with the
/// series losses dropped, all linear, for an LP solver.
/// </summary>
/// <remarks>
/// <para>Variables, all per unit on the network base: for each branch k = (f → t) the active and reactive power P_k, Q_k
/// entering its series impedance on the from side (after the ideal transformer of ratio τ_k); for each bus the squared
/// voltage magnitude v_i = |V_i|², fixed at the set point squared at the slack bus.</para>
/// <para>Constraints for each slot:</para>
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
    GridSlot IGridFormulation.AddSlot(OptimizationModel model, NetworkIndex index, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar) =>
        AddSlot(model, index, slot, pInjectionMw, qInjectionMvar);

    /// <summary>Adds the LinDistFlow model of one slot (see the class remarks) and returns its read-out.</summary>
    /// <exception cref="ArgumentException">When the network is not a radial feeder with one slack, or the injection lists do not match the buses.</exception>
    public LinDistFlowSlot AddSlot(OptimizationModel model, NetworkIndex index, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(pInjectionMw);
        ArgumentNullException.ThrowIfNull(qInjectionMvar);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        DcFormulation.CheckInjections(index, pInjectionMw, qInjectionMvar);
        var feeder = DistributionFeeder.Build(index);
        int n = index.BusCount, m = index.BranchCount;
        var baseMva = index.BaseMva;

        var v = new Variable[n];
        var voltageRows = new Constraint?[n];
        for (var i = 0; i < n; i++)
        {
            if (i == feeder.Root)
            {
                var vs = index.VmSetpointPu[i] * index.VmSetpointPu[i];
                v[i] = model.AddVariable(vs, vs, $"v[{slot},{index.BusIds[i]}]");
                continue;
            }

            v[i] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"v[{slot},{index.BusIds[i]}]");
            var (lo, hi) = SquaredLimits(index, i);
            if (double.IsFinite(lo) || double.IsFinite(hi))
            {
                voltageRows[i] = model.AddConstraint(new LinearExpression().Add(v[i], 1.0), lo, hi, $"vlim[{slot},{index.BusIds[i]}]");
            }
        }

        var p = new Variable[m];
        var q = new Variable[m];
        for (var k = 0; k < m; k++)
        {
            p[k] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"P[{slot},{index.BranchIds[k]}]");
            q[k] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"Q[{slot},{index.BranchIds[k]}]");
        }

        var pBalance = new LinearExpression[n];
        var qBalance = new LinearExpression[n];
        for (var i = 0; i < n; i++)
        {
            pBalance[i] = new LinearExpression().Add(pInjectionMw[i], 1.0 / baseMva).Add(v[i], -feeder.ShuntPPerV[i]);
            qBalance[i] = new LinearExpression().Add(qInjectionMvar[i], 1.0 / baseMva).Add(v[i], -feeder.ShuntQPerV[i]);
        }

        var drops = new Constraint[m];
        for (var k = 0; k < m; k++)
        {
            int f = index.FromIndex[k], t = index.ToIndex[k];
            pBalance[f].Add(p[k], -1.0);
            pBalance[t].Add(p[k], 1.0);
            qBalance[f].Add(q[k], -1.0);
            qBalance[t].Add(q[k], 1.0);
            var drop = new LinearExpression().Add(v[t], 1.0).Add(v[f], -1.0 / feeder.TapSquared[k]).Add(p[k], 2 * index.RPu[k]).Add(q[k], 2 * index.XPu[k]);
            drops[k] = model.AddEquality(drop, 0.0, $"drop[{slot},{index.BranchIds[k]}]");
        }

        var pRows = new Constraint[n];
        var qRows = new Constraint[n];
        for (var i = 0; i < n; i++)
        {
            pRows[i] = model.AddEquality(pBalance[i], 0.0, $"pbal[{slot},{index.BusIds[i]}]");
            qRows[i] = model.AddEquality(qBalance[i], 0.0, $"qbal[{slot},{index.BusIds[i]}]");
        }

        var thermal = new List<LinDistFlowThermalRow>();
        for (var k = 0; k < m; k++)
        {
            var rating = index.RatingPu[k];
            if (!double.IsFinite(rating))
            {
                continue;
            }

            AddThermalRows(model, index, feeder, slot, k, true, p[k], q[k], v[index.FromIndex[k]], rating, thermal);
            if (index.GPu[k] != 0 || index.BPu[k] != 0)
            {
                AddThermalRows(model, index, feeder, slot, k, false, p[k], q[k], v[index.ToIndex[k]], rating, thermal);
            }
        }

        return new LinDistFlowSlot(index, feeder, v, p, q, pRows, qRows, drops, voltageRows, thermal) { Slot = slot };
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

    private void AddThermalRows(OptimizationModel model, NetworkIndex index, DistributionFeeder feeder, int slot, int k, bool fromEnd, Variable p, Variable q, Variable v, double rating, List<LinDistFlowThermalRow> rows)
    {
        // Flow entering the branch at this end: from end (P + g/(2τ²)·v_f, Q − b/(2τ²)·v_f); to end (−P + g/2·v_t, −Q − b/2·v_t).
        var sign = fromEnd ? 1.0 : -1.0;
        var scale = fromEnd ? 1.0 / feeder.TapSquared[k] : 1.0;
        var gv = index.GPu[k] / 2 * scale;
        var bv = -index.BPu[k] / 2 * scale;
        var end = fromEnd ? "f" : "t";
        if (ThermalLimit == LinDistFlowThermalLimit.ActivePower)
        {
            var e = new LinearExpression().Add(p, sign).Add(v, gv);
            rows.Add(new LinDistFlowThermalRow(model.AddConstraint(e, -rating, rating, $"plim[{slot},{index.BranchIds[k]},{end}]"), k, fromEnd, 1.0, 0.0));
            return;
        }

        var bound = rating * Math.Cos(Math.PI / PolygonSides);
        for (var s = 0; s < PolygonSides / 2; s++)
        {
            var angle = 2 * Math.PI * s / PolygonSides;
            double c = Math.Cos(angle), sn = Math.Sin(angle);
            if (Math.Abs(c) < 1e-15)
            {
                c = 0;
            }

            if (Math.Abs(sn) < 1e-15)
            {
                sn = 0;
            }

            var e = new LinearExpression().Add(p, sign * c).Add(q, sign * sn).Add(v, (c * gv) + (sn * bv));
            rows.Add(new LinDistFlowThermalRow(model.AddConstraint(e, -bound, bound, $"slim[{slot},{index.BranchIds[k]},{end},{s}]"), k, fromEnd, c, sn));
        }
    }
}
