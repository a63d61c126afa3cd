namespace Lem.Grid.Formulations;

/// <summary>
/// The <see cref="AcPolarFormulation"/> prepared for a network: the bus admittance rows, the branch admittance blocks
/// and the start voltages, shared by every slot; <see cref="AddSlot"/> only adds a slot's voltages, balances and limits.
/// </summary>
public sealed class PreparedAcPolarFormulation : IPreparedGridFormulation
{
    private readonly AcPolarNetwork _network;

    internal PreparedAcPolarFormulation(AcPolarFormulation formulation, AcPolarNetwork network)
    {
        Formulation = formulation;
        _network = network;
    }

    /// <summary>The formulation this was prepared from.</summary>
    public AcPolarFormulation Formulation { get; }

    /// <inheritdoc />
    IGridFormulation IPreparedGridFormulation.Formulation => Formulation;

    /// <summary>The network this was prepared for.</summary>
    public NetworkIndex Index => _network.Index;

    /// <inheritdoc />
    GridSlot IPreparedGridFormulation.AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar) =>
        AddSlot(model, slot, pInjectionMw, qInjectionMvar);

    /// <summary>Adds the AC polar model of one slot (see <see cref="AcPolarFormulation"/>) and returns its read-out.</summary>
    /// <exception cref="ArgumentException">When the injection lists do not have one expression per solver bus.</exception>
    public AcPolarSlot AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pInjectionMw);
        ArgumentNullException.ThrowIfNull(qInjectionMvar);
        var index = Index;
        var network = _network;
        var n = index.BusCount;
        if (pInjectionMw.Count != n || qInjectionMvar.Count != n)
        {
            throw new ArgumentException($"The network has {n} solver buses; got {pInjectionMw.Count} active and {qInjectionMvar.Count} reactive injection expressions.");
        }

        var baseMva = index.BaseMva;
        var fixSlackMagnitude = Formulation.FixSlackVoltageMagnitude;
        var vm = new Variable[n];
        var va = new Variable[n];
        for (var i = 0; i < n; i++)
        {
            var id = index.BusIds[i].Value;
            var slack = index.BusTypes[i] == BusType.Slack;
            double lower = index.VmMinPu[i], upper = index.VmMaxPu[i];
            if (slack && fixSlackMagnitude)
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
        var enforceRatings = Formulation.EnforceBranchRatings;
        for (var k = 0; k < index.BranchCount; k++)
        {
            int f = index.FromIndex[k], t = index.ToIndex[k];
            flowsFrom[k] = new AcPolarBranchFlow(pf.Yff[k], pf.Yft[k], vm[f], va[f], vm[t], va[t]);
            flowsTo[k] = new AcPolarBranchFlow(pf.Ytt[k], pf.Ytf[k], vm[t], va[t], vm[f], va[f]);
            var rating = index.RatingPu[k];
            if (enforceRatings && double.IsFinite(rating) && rating > 0)
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
