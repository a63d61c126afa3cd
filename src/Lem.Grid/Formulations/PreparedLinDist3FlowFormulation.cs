using Lem.Grid.ThreePhase;

namespace Lem.Grid.Formulations;

/// <summary>
/// The <see cref="LinDist3FlowFormulation"/> prepared for a radial feeder: the tree, every branch's per-phase drop
/// coefficients and phase mapping, the squared voltage limits and the polygon directions, shared by every slot.
/// </summary>
public sealed class PreparedLinDist3FlowFormulation : IPhasePreparedGridFormulation
{
    private readonly double[] _squaredLower;
    private readonly double[] _squaredUpper;
    private readonly double[] _polygonCos;
    private readonly double[] _polygonSin;
    private readonly double _polygonInscribed;

    internal PreparedLinDist3FlowFormulation(LinDist3FlowFormulation formulation, DistributionFeeder feeder)
    {
        Formulation = formulation;
        Feeder = feeder;
        (_squaredLower, _squaredUpper) = DistFlowRows.SquaredLimits(feeder.Index);
        (_polygonCos, _polygonSin, _polygonInscribed) = PolygonDirections.Of(formulation.PolygonSides);
        Branches = [.. Enumerable.Range(0, feeder.Index.BranchCount).Select(k => LinDist3FlowBranch.Build(feeder.Index, k, formulation.ZeroToPositiveRatio))];
    }

    /// <summary>The formulation this was prepared from.</summary>
    public LinDist3FlowFormulation Formulation { get; }

    /// <inheritdoc />
    IGridFormulation IPreparedGridFormulation.Formulation => Formulation;

    /// <inheritdoc />
    public NetworkIndex Index => Feeder.Index;

    /// <summary>The feeder tree rooted at the slack bus.</summary>
    public DistributionFeeder Feeder { get; }

    /// <summary>The per-branch phase data.</summary>
    internal IReadOnlyList<LinDist3FlowBranch> Branches { get; }

    /// <summary>Adds a slot where every bus's injection is balanced (a third on each phase).</summary>
    GridSlot IPreparedGridFormulation.AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar)
    {
        DcFormulation.CheckSlotArguments(model, slot, Index, pInjectionMw, qInjectionMvar);
        var injections = new PhaseInjections(Index.BusCount);
        for (var i = 0; i < Index.BusCount; i++)
        {
            injections.Add(i, PhaseConnection.Abc, pInjectionMw[i], qInjectionMvar[i]);
        }

        return AddSlot(model, slot, injections);
    }

    /// <inheritdoc />
    GridSlot IPhasePreparedGridFormulation.AddSlot(OptimizationModel model, int slot, PhaseInjections injections) => AddSlot(model, slot, injections);

    /// <summary>Adds the LinDist3Flow model of one slot (see <see cref="LinDist3FlowFormulation"/>) for per-phase injections.</summary>
    /// <exception cref="ArgumentException">When the injections do not have one entry per solver bus.</exception>
    public LinDist3FlowSlot AddSlot(OptimizationModel model, int slot, PhaseInjections injections)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(injections);
        var index = Index;
        var feeder = Feeder;
        if (injections.BusCount != index.BusCount)
        {
            throw new ArgumentException($"Expected injections for {index.BusCount} buses, got {injections.BusCount}.", nameof(injections));
        }

        int n = index.BusCount, m = index.BranchCount;
        var scale = 3.0 / index.BaseMva; // MW per phase → p.u. of S_base/3
        var y = new Variable[n, 3];
        var voltageRows = new Constraint?[n, 3];
        for (var i = 0; i < n; i++)
        {
            for (var phi = 0; phi < 3; phi++)
            {
                var name = $"Y[{slot},{index.BusIds[i]},{PhaseConnections.Names[phi]}]";
                if (i == feeder.Root)
                {
                    var square = index.VmSetpointPu[i] * index.VmSetpointPu[i];
                    y[i, phi] = model.AddVariable(square, square, name);
                    continue;
                }

                y[i, phi] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, name);
                double lo = _squaredLower[i], hi = _squaredUpper[i];
                if (double.IsFinite(lo) || double.IsFinite(hi))
                {
                    voltageRows[i, phi] = model.AddConstraint(new LinearExpression().Add(y[i, phi], 1.0), lo, hi, $"vlim[{slot},{index.BusIds[i]},{PhaseConnections.Names[phi]}]");
                }
            }
        }

        var p = new Variable[m, 3];
        var q = new Variable[m, 3];
        for (var k = 0; k < m; k++)
        {
            for (var phi = 0; phi < 3; phi++)
            {
                p[k, phi] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"P[{slot},{index.BranchIds[k]},{PhaseConnections.Names[phi]}]");
                q[k, phi] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"Q[{slot},{index.BranchIds[k]},{PhaseConnections.Names[phi]}]");
            }
        }

        // Balances per (bus, phase): scale·injection − shunt·Y − outflows + inflows = 0.
        var pBalance = new LinearExpression[n, 3];
        var qBalance = new LinearExpression[n, 3];
        for (var i = 0; i < n; i++)
        {
            for (var phi = 0; phi < 3; phi++)
            {
                pBalance[i, phi] = new LinearExpression().Add(injections.ActiveMw(i, (Phase)phi), scale).Add(y[i, phi], -feeder.ShuntPPerV[i]);
                qBalance[i, phi] = new LinearExpression().Add(injections.ReactiveMvar(i, (Phase)phi), scale).Add(y[i, phi], -feeder.ShuntQPerV[i]);
            }
        }

        var drops = new Constraint[m, 3];
        for (var k = 0; k < m; k++)
        {
            int f = index.FromIndex[k], t = index.ToIndex[k];
            var branch = Branches[k];
            for (var psi = 0; psi < 3; psi++)
            {
                pBalance[t, psi].Add(p[k, psi], 1.0);
                qBalance[t, psi].Add(q[k, psi], 1.0);
                for (var from = 0; from < 3; from++)
                {
                    var share = branch.FromShare[from, psi];
                    if (share == System.Numerics.Complex.Zero)
                    {
                        continue;
                    }

                    pBalance[f, from].Add(p[k, psi], -share.Real).Add(q[k, psi], share.Imaginary);
                    qBalance[f, from].Add(p[k, psi], -share.Imaginary).Add(q[k, psi], -share.Real);
                }
            }

            for (var phi = 0; phi < 3; phi++)
            {
                var drop = new LinearExpression().Add(y[t, phi], 1.0);
                if (branch.HvPairs is { } pairs)
                {
                    drop.Add(y[f, (int)pairs[phi].X], -0.5 / feeder.TapSquared[k]).Add(y[f, (int)pairs[phi].Y], -0.5 / feeder.TapSquared[k]);
                }
                else
                {
                    drop.Add(y[f, phi], -1.0 / feeder.TapSquared[k]);
                }

                for (var psi = 0; psi < 3; psi++)
                {
                    drop.Add(p[k, psi], branch.DropP[phi, psi]).Add(q[k, psi], branch.DropQ[phi, psi]);
                }

                drops[k, phi] = model.AddEquality(drop, 0.0, $"drop[{slot},{index.BranchIds[k]},{PhaseConnections.Names[phi]}]");
            }
        }

        var pRows = new Constraint[n, 3];
        var qRows = new Constraint[n, 3];
        for (var i = 0; i < n; i++)
        {
            if (i == feeder.Root)
            {
                // The slack supplies any phase: one balance summed over the phases.
                var pSum = new LinearExpression();
                var qSum = new LinearExpression();
                for (var phi = 0; phi < 3; phi++)
                {
                    pSum.Add(pBalance[i, phi]);
                    qSum.Add(qBalance[i, phi]);
                }

                var pRow = model.AddEquality(pSum, 0.0, $"pbal[{slot},{index.BusIds[i]}]");
                var qRow = model.AddEquality(qSum, 0.0, $"qbal[{slot},{index.BusIds[i]}]");
                for (var phi = 0; phi < 3; phi++)
                {
                    pRows[i, phi] = pRow;
                    qRows[i, phi] = qRow;
                }

                continue;
            }

            for (var phi = 0; phi < 3; phi++)
            {
                pRows[i, phi] = model.AddEquality(pBalance[i, phi], 0.0, $"pbal[{slot},{index.BusIds[i]},{PhaseConnections.Names[phi]}]");
                qRows[i, phi] = model.AddEquality(qBalance[i, phi], 0.0, $"qbal[{slot},{index.BusIds[i]},{PhaseConnections.Names[phi]}]");
            }
        }

        var thermal = new List<LinDist3FlowThermalRow>();
        for (var k = 0; k < m; k++)
        {
            var rating = index.RatingPu[k];
            if (!double.IsFinite(rating))
            {
                continue;
            }

            var charged = index.GPu[k] != 0 || index.BPu[k] != 0;
            for (var phi = 0; phi < 3; phi++)
            {
                AddThermalRows(model, slot, k, phi, true, p[k, phi], q[k, phi], ThermalEndVoltage(y, k, phi, true), rating, thermal);
                if (charged)
                {
                    AddThermalRows(model, slot, k, phi, false, p[k, phi], q[k, phi], ThermalEndVoltage(y, k, phi, false), rating, thermal);
                }
            }
        }

        var unbalance = new List<LinDist3FlowUnbalanceRow>();
        if (Formulation.MaxUnbalancePercent is { } vuf)
        {
            var bound = vuf / 100 * _polygonInscribed;
            double[] theta = [0, 2 * Math.PI / 3, -2 * Math.PI / 3];
            for (var i = 0; i < n; i++)
            {
                if (i == feeder.Root)
                {
                    continue;
                }

                for (var s = 0; s < _polygonCos.Length; s++)
                {
                    var direction = 2 * Math.PI * s / Formulation.PolygonSides;
                    var c = theta.Select(th => Math.Cos(th - direction) / 6).ToArray();
                    var e = new LinearExpression().Add(y[i, 0], c[0]).Add(y[i, 1], c[1]).Add(y[i, 2], c[2]);
                    unbalance.Add(new LinDist3FlowUnbalanceRow(model.AddConstraint(e, -bound, bound, $"vuf[{slot},{index.BusIds[i]},{s}]"), i, c));
                }
            }
        }

        return new LinDist3FlowSlot(this, y, p, q, pRows, qRows, voltageRows, thermal, unbalance) { Slot = slot };
    }

    /// <summary>The bus whose squared voltage the charging term of a thermal row uses: the end's own phase, or the LV side for a delta transformer.</summary>
    internal int ThermalEndBus(int k, bool fromEnd) =>
        fromEnd && Branches[k].HvPairs is null ? Index.FromIndex[k] : Index.ToIndex[k];

    private Variable ThermalEndVoltage(Variable[,] y, int k, int phi, bool fromEnd) => y[ThermalEndBus(k, fromEnd), phi];

    /// <summary>The sign of the series flow and the Y coefficients of P_end and Q_end of a thermal row (as in <see cref="LinDistFlowFormulation"/>).</summary>
    internal (double Sign, double Gv, double Bv) EndCoefficients(int k, bool fromEnd)
    {
        var scale = fromEnd ? 1.0 / Feeder.TapSquared[k] : 1.0;
        return (fromEnd ? 1.0 : -1.0, Index.GPu[k] / 2 * scale, -Index.BPu[k] / 2 * scale);
    }

    private void AddThermalRows(OptimizationModel model, int slot, int k, int phi, bool fromEnd, Variable p, Variable q, Variable y, double rating, List<LinDist3FlowThermalRow> rows)
    {
        var (sign, gv, bv) = EndCoefficients(k, fromEnd);
        var bound = rating * _polygonInscribed;
        var end = fromEnd ? "f" : "t";
        for (var s = 0; s < _polygonCos.Length; s++)
        {
            double c = _polygonCos[s], sn = _polygonSin[s];
            var e = new LinearExpression().Add(p, sign * c).Add(q, sign * sn).Add(y, (c * gv) + (sn * bv));
            rows.Add(new LinDist3FlowThermalRow(model.AddConstraint(e, -bound, bound, $"slim[{slot},{Index.BranchIds[k]},{PhaseConnections.Names[phi]},{end},{s}]"), k, phi, fromEnd, c, sn));
        }
    }
}
