namespace Lem.Grid.Formulations;

/// <summary>What <see cref="DcFormulation"/> added for one slot: angles, flow expressions, balances and flow limits.</summary>
public sealed class DcSlot : GridSlot
{
    private readonly Variable[] _theta;
    private readonly LinearExpression[] _flows;
    private readonly Constraint[] _balances;
    private readonly Constraint?[] _limits;

    /// <summary>The network.</summary>
    public NetworkIndex Index { get; }

    internal DcSlot(NetworkIndex index, Variable[] theta, LinearExpression[] flows, Constraint[] balances, Constraint?[] limits)
    {
        Index = index;
        _theta = theta;
        _flows = flows;
        _balances = balances;
        _limits = limits;
    }

    /// <summary>The angle variable of each bus (rad).</summary>
    public IReadOnlyList<Variable> Angles => _theta;

    /// <summary>The nodal balance row of each bus (p.u.).</summary>
    public IReadOnlyList<Constraint> Balances => _balances;

    /// <summary>The flow-limit row of each branch (null where the branch has no rating).</summary>
    public IReadOnlyList<Constraint?> FlowLimits => _limits;

    /// <inheritdoc />
    public override double[] ActivePrices(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return [.. _balances.Select(c => solution.Dual(c) / Index.BaseMva)];
    }

    /// <summary>The voltage angle of each bus (rad).</summary>
    public double[] AnglesRad(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return [.. _theta.Select(solution.Value)];
    }

    /// <inheritdoc />
    public override double[]? VoltageMagnitudesPu(Solution solution) => null;

    /// <inheritdoc />
    public override double[]? BranchFlowsMw(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return [.. _flows.Select(f => solution.Value(f) * Index.BaseMva)];
    }

    /// <summary>
    /// The dual of each branch's flow-limit row in objective units per MW: ∂(objective)/∂(the active bound on the from-end
    /// flow), so −μ_ℓ ≤ 0 when the flow sits at +rating and +μ_ℓ ≥ 0 at −rating; zero for unlimited or slack branches.
    /// </summary>
    public double[] FlowLimitPrices(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return [.. _limits.Select(c => c is { } row ? solution.Dual(row) / Index.BaseMva : 0.0)];
    }

    /// <inheritdoc />
    public override double LossesMw(Solution solution) => 0.0;
}
