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

    /// <summary>
    /// The LinDistFlow state of a slot whose only injections are active power at unity power factor, balanced at the
    /// root (which also supplies the reactive power), and whether it lies strictly inside every voltage and thermal row
    /// of <see cref="AddSlot"/> (docs/mechanisms/pool.md#slot-screening). On a tree the balances and drop rows fix the
    /// state: P_k is minus the active injection of the subtree the branch feeds, Q_k the reactive consumption of the
    /// subtree's shunt elements (b·v), and v follows from the drops; the coupling of Q and v through the shunts is solved
    /// by fixed-point iteration to machine precision (its factor is of the order of x·b ≪ 1).
    /// </summary>
    /// <param name="pInjectionMw">The active injection per solver bus, MW (the root's entry is ignored: the root balances).</param>
    /// <param name="marginPu">How far inside its bounds every voltage and thermal row must be, per unit.</param>
    /// <param name="voltagesPu">The voltage magnitude √v per bus.</param>
    /// <param name="branchFlowsMw">The active power entering each branch at its from end, MW.</param>
    /// <returns>
    /// False when a shunt element consumes active power (the active balance then depends on v and the slot is not
    /// lossless), when the iteration does not settle, or when a row is within the margin of a bound.
    /// </returns>
    public bool TryInteriorState(ReadOnlySpan<double> pInjectionMw, double marginPu, out double[] voltagesPu, out double[] branchFlowsMw)
    {
        var index = Index;
        var feeder = Feeder;
        int n = index.BusCount, m = index.BranchCount;
        voltagesPu = new double[n];
        branchFlowsMw = new double[m];
        if (pInjectionMw.Length != n || feeder.ShuntPPerV.Any(g => g != 0))
        {
            return false;
        }

        // Active flows, leaves to root: F_j = −(injection of the subtree of j) / S, P_k = ±F_j by the branch's orientation.
        var p = new double[m];
        var q = new double[m];
        var subtree = new double[n];
        for (var o = feeder.Order.Length - 1; o > 0; o--)
        {
            var j = feeder.Order[o];
            subtree[j] += pInjectionMw[j] / index.BaseMva;
            subtree[feeder.Parent[j]] += subtree[j];
            p[feeder.ParentBranch[j]] = feeder.ParentBranchIsForward[j] ? -subtree[j] : subtree[j];
        }

        var v = new double[n];
        var previous = new double[n];
        var reactive = feeder.ShuntQPerV.Any(b => b != 0);
        var settled = false;
        for (var iteration = 0; iteration < 50 && !settled; iteration++)
        {
            // Reactive flows at the current voltages: F_j = Σ_subtree b_i·v_i (no reactive injection but the root's).
            if (reactive && iteration > 0)
            {
                Array.Clear(subtree);
                for (var o = feeder.Order.Length - 1; o > 0; o--)
                {
                    var j = feeder.Order[o];
                    subtree[j] += feeder.ShuntQPerV[j] * v[j];
                    subtree[feeder.Parent[j]] += subtree[j];
                    q[feeder.ParentBranch[j]] = feeder.ParentBranchIsForward[j] ? subtree[j] : -subtree[j];
                }
            }

            // Squared voltages, root to leaves, by the drop rows v_t = v_f/τ² − 2(r P + x Q).
            Array.Copy(v, previous, n);
            v[feeder.Root] = index.VmSetpointPu[feeder.Root] * index.VmSetpointPu[feeder.Root];
            for (var o = 1; o < feeder.Order.Length; o++)
            {
                var j = feeder.Order[o];
                var k = feeder.ParentBranch[j];
                var drop = 2 * ((index.RPu[k] * p[k]) + (index.XPu[k] * q[k]));
                v[j] = feeder.ParentBranchIsForward[j]
                    ? (v[feeder.Parent[j]] / feeder.TapSquared[k]) - drop
                    : feeder.TapSquared[k] * (v[feeder.Parent[j]] + drop);
            }

            settled = !reactive || (iteration > 0 && v.AsSpan().SequenceEqual(previous));
            if (!settled && iteration > 0)
            {
                var change = 0.0;
                for (var i = 0; i < n; i++)
                {
                    change = Math.Max(change, Math.Abs(v[i] - previous[i]));
                }

                settled = change <= 1e-15;
            }
        }

        var inside = settled;
        for (var i = 0; i < n; i++)
        {
            voltagesPu[i] = Math.Sqrt(Math.Max(0.0, v[i]));
            inside &= i == feeder.Root || (v[i] >= _squaredLower[i] + marginPu && v[i] <= _squaredUpper[i] - marginPu);
        }

        for (var k = 0; k < m; k++)
        {
            int f = index.FromIndex[k], t = index.ToIndex[k];
            branchFlowsMw[k] = (p[k] + (index.GPu[k] / (2 * feeder.TapSquared[k]) * v[f])) * index.BaseMva;
            var rating = index.RatingPu[k];
            if (!double.IsFinite(rating))
            {
                continue;
            }

            inside &= ThermalInside(k, true, p[k], q[k], v[f], rating, marginPu);
            if (index.GPu[k] != 0 || index.BPu[k] != 0)
            {
                inside &= ThermalInside(k, false, p[k], q[k], v[t], rating, marginPu);
            }
        }

        return inside;
    }

    /// <summary>Whether the thermal rows of <see cref="AddThermalRows"/> at one end of branch <paramref name="k"/> hold with the margin.</summary>
    private bool ThermalInside(int k, bool fromEnd, double p, double q, double v, double rating, double marginPu)
    {
        var index = Index;
        var sign = fromEnd ? 1.0 : -1.0;
        var scale = fromEnd ? 1.0 / Feeder.TapSquared[k] : 1.0;
        var gv = index.GPu[k] / 2 * scale;
        var bv = -index.BPu[k] / 2 * scale;
        if (Formulation.ThermalLimit == LinDistFlowThermalLimit.ActivePower)
        {
            return Math.Abs((sign * p) + (gv * v)) <= rating - marginPu;
        }

        var bound = rating * _polygonInscribed;
        for (var s = 0; s < _polygonCos.Length; s++)
        {
            double c = _polygonCos[s], sn = _polygonSin[s];
            if (Math.Abs((sign * c * p) + (sign * sn * q) + (((c * gv) + (sn * bv)) * v)) > bound - marginPu)
            {
                return false;
            }
        }

        return true;
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
