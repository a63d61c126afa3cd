using System.Collections.Immutable;

namespace Lem.Grid.Formulations;

/// <summary>
/// What a branch flow model of a radial feeder added for one slot (<see cref="LinDistFlowSlot"/>,
/// <see cref="SocDistFlowSlot"/>): squared voltages, sending-end flows, balances, voltage drops and voltage limits, with
/// the read-outs both models share (docs/formulations.md#lindistflow, docs/formulations.md#soc-distflow). Powers are in
/// per unit of the model's power base.
/// </summary>
public abstract class DistFlowSlot : GridSlot
{
    private protected readonly Variable[] _squaredVoltages;
    private protected readonly Variable[] _p;
    private protected readonly Variable[] _q;
    private protected readonly Constraint[] _pBalance;
    private protected readonly Constraint[] _qBalance;
    private protected readonly Constraint[] _drops;
    private protected readonly Constraint?[] _voltageLimits;
    private readonly double _powerBaseMva;
    private readonly ImmutableArray<double> _gPu;
    private readonly ImmutableArray<double> _bPu;

    private protected DistFlowSlot(
        DistributionFeeder feeder,
        double powerBaseMva,
        ImmutableArray<double> gPu,
        ImmutableArray<double> bPu,
        Variable[] squaredVoltages,
        Variable[] p,
        Variable[] q,
        Constraint[] pBalance,
        Constraint[] qBalance,
        Constraint[] drops,
        Constraint?[] voltageLimits)
    {
        Feeder = feeder;
        _powerBaseMva = powerBaseMva;
        _gPu = gPu;
        _bPu = bPu;
        _squaredVoltages = squaredVoltages;
        _p = p;
        _q = q;
        _pBalance = pBalance;
        _qBalance = qBalance;
        _drops = drops;
        _voltageLimits = voltageLimits;
    }

    /// <summary>The network.</summary>
    public NetworkIndex Index => Feeder.Index;

    /// <summary>The feeder tree.</summary>
    public DistributionFeeder Feeder { get; }

    /// <summary>The squared voltage variable of each bus (p.u.²).</summary>
    public IReadOnlyList<Variable> SquaredVoltages => _squaredVoltages;

    /// <summary>The active series flow variable of each branch (p.u. of the model's power base, from side).</summary>
    public IReadOnlyList<Variable> BranchP => _p;

    /// <summary>The reactive series flow variable of each branch (p.u. of the model's power base, from side).</summary>
    public IReadOnlyList<Variable> BranchQ => _q;

    /// <summary>The active balance row of each bus (p.u. of the model's power base).</summary>
    public IReadOnlyList<Constraint> ActiveBalances => _pBalance;

    /// <summary>The reactive balance row of each bus (p.u. of the model's power base).</summary>
    public IReadOnlyList<Constraint> ReactiveBalances => _qBalance;

    /// <summary>The voltage-drop row of each branch.</summary>
    public IReadOnlyList<Constraint> VoltageDrops => _drops;

    /// <summary>The voltage-limit row of each bus (null for the slack and for buses without limits).</summary>
    public IReadOnlyList<Constraint?> VoltageLimits => _voltageLimits;

    /// <inheritdoc />
    public override double[] ActivePrices(Solution solution) => Prices(solution, _pBalance);

    /// <summary>The marginal cost of reactive demand at each bus (objective units per Mvar), from the reactive balance duals.</summary>
    public double[] ReactivePrices(Solution solution) => Prices(solution, _qBalance);

    /// <inheritdoc />
    public override double[]? VoltageMagnitudesPu(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return [.. _squaredVoltages.Select(x => Math.Sqrt(Math.Max(0.0, solution.Value(x))))];
    }

    /// <inheritdoc />
    public override double[]? BranchFlowsMw(Solution solution) => FromEndFlows(solution, _p, _gPu, 1.0);

    /// <summary>The reactive power entering each branch at its from end (Mvar).</summary>
    public double[] BranchReactiveFlowsMvar(Solution solution) => FromEndFlows(solution, _q, _bPu, -1.0);

    // The balance duals per MW or Mvar.
    private double[] Prices(Solution solution, Constraint[] balances)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return [.. balances.Select(c => solution.Dual(c) / _powerBaseMva)];
    }

    // The power entering each branch at its from end: (flow + sign·y/(2τ²)·v_f)·base, with the shunt conductance and
    // sign +1 for active power, the shunt susceptance and sign −1 for reactive power.
    private double[] FromEndFlows(Solution solution, Variable[] flow, ImmutableArray<double> shuntPu, double shuntSign)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var index = Index;
        var flows = new double[index.BranchCount];
        for (var k = 0; k < flows.Length; k++)
        {
            var vf = solution.Value(_squaredVoltages[index.FromIndex[k]]);
            flows[k] = (solution.Value(flow[k]) + (shuntSign * (shuntPu[k] / (2 * Feeder.TapSquared[k]) * vf))) * _powerBaseMva;
        }

        return flows;
    }
}
