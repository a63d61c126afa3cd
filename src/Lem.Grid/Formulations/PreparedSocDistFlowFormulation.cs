namespace Lem.Grid.Formulations;

/// <summary>
/// The <see cref="SocDistFlowFormulation"/> prepared for a radial feeder: the feeder tree, the data in per unit on the
/// model's power base and the squared voltage limits, shared by every slot; <see cref="AddSlot"/> only adds a slot's
/// variables, rows and cones.
/// </summary>
public sealed class PreparedSocDistFlowFormulation : IPreparedGridFormulation
{
    private readonly double[] _squaredLower;
    private readonly double[] _squaredUpper;
    private readonly double[] _tap;

    internal PreparedSocDistFlowFormulation(SocDistFlowFormulation formulation, DistributionFeeder feeder, SocDistFlowPerUnit perUnit)
    {
        Formulation = formulation;
        Feeder = feeder;
        PerUnit = perUnit;
        (_squaredLower, _squaredUpper) = DistFlowRows.SquaredLimits(feeder.Index);
        _tap = [.. feeder.TapSquared.Select(Math.Sqrt)];
    }

    /// <summary>The formulation this was prepared from.</summary>
    public SocDistFlowFormulation Formulation { get; }

    /// <inheritdoc />
    IGridFormulation IPreparedGridFormulation.Formulation => Formulation;

    /// <summary>The network this was prepared for.</summary>
    public NetworkIndex Index => Feeder.Index;

    /// <summary>The feeder tree rooted at the slack bus.</summary>
    public DistributionFeeder Feeder { get; }

    /// <summary>The data in per unit on the model's power base; the variables of every slot are in these units.</summary>
    public SocDistFlowPerUnit PerUnit { get; }

    /// <inheritdoc />
    GridSlot IPreparedGridFormulation.AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar) =>
        AddSlot(model, slot, pInjectionMw, qInjectionMvar);

    /// <summary>Adds the SOC branch flow model of one slot (see <see cref="SocDistFlowFormulation"/>) and returns its read-out.</summary>
    /// <exception cref="ArgumentException">When the injection lists do not match the buses.</exception>
    public SocDistFlowSlot AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar)
    {
        var index = Index;
        var feeder = Feeder;
        var pu = PerUnit;
        DcFormulation.CheckSlotArguments(model, slot, index, pInjectionMw, qInjectionMvar);
        var m = index.BranchCount;
        var flatStart = index.VmSetpointPu[feeder.Root] * index.VmSetpointPu[feeder.Root];
        var w = DistFlowRows.AddSquaredVoltages(model, slot, feeder, "w", 0.0, flatStart, _squaredLower, _squaredUpper, out var voltageRows);
        var (p, q, squaredCurrent) = DistFlowRows.AddBranchFlows(model, slot, index, withSquaredCurrent: true);
        var l = squaredCurrent!;
        var (pBalance, qBalance) = DistFlowRows.StartBalances(pInjectionMw, qInjectionMvar, pu.PowerBaseMva, w, pu.ShuntPPerV, pu.ShuntQPerV);

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
            var tau = _tap[k];
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

        var (pRows, qRows) = DistFlowRows.AddBalanceRows(model, slot, index, pBalance, qBalance);
        return new SocDistFlowSlot(feeder, pu, Formulation.ExactnessTolerance, w, p, q, l, pRows, qRows, drops, voltageRows, cones, thermal) { Slot = slot };
    }
}
