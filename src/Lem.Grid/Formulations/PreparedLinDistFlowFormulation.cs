namespace Lem.Grid.Formulations;

/// <summary>
/// The <see cref="LinDistFlowFormulation"/> prepared for a radial feeder: the feeder tree with its tap and shunt data,
/// the squared voltage limits, the thermal polygon's directions and (on first use) the path sensitivities, all shared by
/// every slot; <see cref="AddSlot"/> only adds a slot's variables and rows.
/// </summary>
public sealed class PreparedLinDistFlowFormulation : IPreparedGridFormulation
{
    private readonly double[] _squaredLower;
    private readonly double[] _squaredUpper;
    private readonly double[] _polygonCos;
    private readonly double[] _polygonSin;
    private readonly double _polygonInscribed;
    private readonly Lazy<LinDistFlowSensitivities> _sensitivities;

    internal PreparedLinDistFlowFormulation(LinDistFlowFormulation formulation, DistributionFeeder feeder)
    {
        Formulation = formulation;
        Feeder = feeder;
        (_squaredLower, _squaredUpper) = DistFlowRows.SquaredLimits(feeder.Index);

        // Directions θ_s = 2πs/N, s < N/2, of the inscribed polygon; each row bounds both opposite sides.
        (_polygonCos, _polygonSin, _polygonInscribed) = PolygonDirections.Of(formulation.PolygonSides);
        _sensitivities = new Lazy<LinDistFlowSensitivities>(() => new LinDistFlowSensitivities(feeder));
    }

    /// <summary>The formulation this was prepared from.</summary>
    public LinDistFlowFormulation Formulation { get; }

    /// <inheritdoc />
    IGridFormulation IPreparedGridFormulation.Formulation => Formulation;

    /// <summary>The network this was prepared for.</summary>
    public NetworkIndex Index => Feeder.Index;

    /// <summary>The feeder tree rooted at the slack bus.</summary>
    public DistributionFeeder Feeder { get; }

    /// <summary>The path sensitivities of the feeder (computed on first use, then shared by every slot).</summary>
    public LinDistFlowSensitivities Sensitivities => _sensitivities.Value;

    /// <inheritdoc />
    GridSlot IPreparedGridFormulation.AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar) =>
        AddSlot(model, slot, pInjectionMw, qInjectionMvar);

    /// <summary>Adds the LinDistFlow model of one slot (see <see cref="LinDistFlowFormulation"/>) and returns its read-out.</summary>
    /// <exception cref="ArgumentException">When the injection lists do not match the buses.</exception>
    public LinDistFlowSlot AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar)
    {
        var index = Index;
        var feeder = Feeder;
        DcFormulation.CheckSlotArguments(model, slot, index, pInjectionMw, qInjectionMvar);
        var m = index.BranchCount;
        var v = DistFlowRows.AddSquaredVoltages(model, slot, feeder, "v", double.NegativeInfinity, null, _squaredLower, _squaredUpper, out var voltageRows);
        var (p, q, _) = DistFlowRows.AddBranchFlows(model, slot, index, withSquaredCurrent: false);
        var (pBalance, qBalance) = DistFlowRows.StartBalances(pInjectionMw, qInjectionMvar, index.BaseMva, v, feeder.ShuntPPerV, feeder.ShuntQPerV);

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

        var (pRows, qRows) = DistFlowRows.AddBalanceRows(model, slot, index, pBalance, qBalance);

        var thermal = new List<LinDistFlowThermalRow>();
        for (var k = 0; k < m; k++)
        {
            var rating = index.RatingPu[k];
            if (!double.IsFinite(rating))
            {
                continue;
            }

            AddThermalRows(model, slot, k, true, p[k], q[k], v[index.FromIndex[k]], rating, thermal);
            if (index.GPu[k] != 0 || index.BPu[k] != 0)
            {
                AddThermalRows(model, slot, k, false, p[k], q[k], v[index.ToIndex[k]], rating, thermal);
            }
        }

        return new LinDistFlowSlot(this, v, p, q, pRows, qRows, drops, voltageRows, thermal) { Slot = slot };
    }

    private void AddThermalRows(OptimizationModel model, int slot, int k, bool fromEnd, Variable p, Variable q, Variable v, double rating, List<LinDistFlowThermalRow> rows)
    {
        // Flow entering the branch at this end: from end (P + g/(2τ²)·v_f, Q − b/(2τ²)·v_f); to end (−P + g/2·v_t, −Q − b/2·v_t).
        var index = Index;
        var sign = fromEnd ? 1.0 : -1.0;
        var scale = fromEnd ? 1.0 / Feeder.TapSquared[k] : 1.0;
        var gv = index.GPu[k] / 2 * scale;
        var bv = -index.BPu[k] / 2 * scale;
        var end = fromEnd ? "f" : "t";
        if (Formulation.ThermalLimit == LinDistFlowThermalLimit.ActivePower)
        {
            var e = new LinearExpression().Add(p, sign).Add(v, gv);
            rows.Add(new LinDistFlowThermalRow(model.AddConstraint(e, -rating, rating, $"plim[{slot},{index.BranchIds[k]},{end}]"), k, fromEnd, 1.0, 0.0));
            return;
        }

        var bound = rating * _polygonInscribed;
        for (var s = 0; s < _polygonCos.Length; s++)
        {
            double c = _polygonCos[s], sn = _polygonSin[s];
            var e = new LinearExpression().Add(p, sign * c).Add(q, sign * sn).Add(v, (c * gv) + (sn * bv));
            rows.Add(new LinDistFlowThermalRow(model.AddConstraint(e, -bound, bound, $"slim[{slot},{index.BranchIds[k]},{end},{s}]"), k, fromEnd, c, sn));
        }
    }
}
