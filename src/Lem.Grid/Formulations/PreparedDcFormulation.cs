namespace Lem.Grid.Formulations;

/// <summary>
/// The <see cref="DcFormulation"/> prepared for a network: the angle reference of each island and the series
/// susceptance of each branch, found once; <see cref="AddSlot"/> only adds a slot's angles, balances and flow limits.
/// </summary>
public sealed class PreparedDcFormulation : IPreparedGridFormulation
{
    private readonly bool[] _reference;
    private readonly double[] _susceptance;

    internal PreparedDcFormulation(DcFormulation formulation, NetworkIndex index, bool[] reference, double[] susceptance)
    {
        Formulation = formulation;
        Index = index;
        _reference = reference;
        _susceptance = susceptance;
    }

    /// <summary>The formulation this was prepared from.</summary>
    public DcFormulation Formulation { get; }

    /// <inheritdoc />
    IGridFormulation IPreparedGridFormulation.Formulation => Formulation;

    /// <summary>The network this was prepared for.</summary>
    public NetworkIndex Index { get; }

    /// <summary>Whether each bus is the angle reference of its island (one slack bus per island, θ = 0).</summary>
    public IReadOnlyList<bool> IsReference => _reference;

    /// <summary>The series susceptance 1/(x_k·τ_k) of each branch (p.u.), the flow per radian of angle difference.</summary>
    public IReadOnlyList<double> SusceptancePu => _susceptance;

    /// <inheritdoc />
    GridSlot IPreparedGridFormulation.AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar) =>
        AddSlot(model, slot, pInjectionMw, qInjectionMvar);

    /// <summary>
    /// Adds the DC model of one slot (see <see cref="DcFormulation"/>). <paramref name="qInjectionMvar"/> is checked for
    /// length and otherwise ignored: the DC model has no reactive power.
    /// </summary>
    /// <exception cref="ArgumentException">When the injection lists do not match the buses.</exception>
    public DcSlot AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar)
    {
        var index = Index;
        DcFormulation.CheckSlotArguments(model, slot, index, pInjectionMw, qInjectionMvar);
        int n = index.BusCount, m = index.BranchCount;
        var baseMva = index.BaseMva;
        var theta = new Variable[n];
        for (var i = 0; i < n; i++)
        {
            theta[i] = _reference[i]
                ? model.AddVariable(0.0, 0.0, $"theta[{slot},{index.BusIds[i]}]")
                : model.AddVariable(-Math.PI, Math.PI, $"theta[{slot},{index.BusIds[i]}]");
        }

        var balance = new LinearExpression[n];
        for (var i = 0; i < n; i++)
        {
            balance[i] = new LinearExpression().Add(pInjectionMw[i], 1.0 / baseMva).AddConstant(-index.GShPu[i]);
        }

        var flows = new LinearExpression[m];
        var limits = new Constraint?[m];
        for (var k = 0; k < m; k++)
        {
            int f = index.FromIndex[k], t = index.ToIndex[k];
            var b = _susceptance[k];
            var flow = new LinearExpression().Add(theta[f], b).Add(theta[t], -b).AddConstant(-b * index.ShiftRad[k]);
            flows[k] = flow;
            balance[f].Add(flow, -1.0);
            balance[t].Add(flow, 1.0);
            if (double.IsFinite(index.RatingPu[k]))
            {
                limits[k] = model.AddConstraint(flow.Clone(), -index.RatingPu[k], index.RatingPu[k], $"flim[{slot},{index.BranchIds[k]}]");
            }
        }

        var rows = new Constraint[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = model.AddEquality(balance[i], 0.0, $"pbal[{slot},{index.BusIds[i]}]");
        }

        return new DcSlot(index, theta, flows, rows, limits) { Slot = slot };
    }
}
