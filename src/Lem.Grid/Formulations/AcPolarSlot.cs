using System.Numerics;
using Lem.Grid.PowerFlow;

namespace Lem.Grid.Formulations;

/// <summary>What <see cref="AcPolarFormulation"/> added for one slot, and how to read prices and the grid state back.</summary>
public sealed class AcPolarSlot : GridSlot
{
    private readonly NetworkIndex _index;
    private readonly AcPolarBranchFlow[] _flowsFrom;
    private readonly AcPolarBranchFlow[] _flowsTo;

    internal AcPolarSlot(
        NetworkIndex index,
        Variable[] vm,
        Variable[] va,
        NonlinearConstraint[] activeBalances,
        NonlinearConstraint[] reactiveBalances,
        AcPolarBranchFlow[] flowsFrom,
        AcPolarBranchFlow[] flowsTo,
        IReadOnlyList<(int Branch, NonlinearConstraint From, NonlinearConstraint To)> ratingLimits)
    {
        _index = index;
        VoltageMagnitudes = vm;
        VoltageAngles = va;
        ActiveBalances = activeBalances;
        ReactiveBalances = reactiveBalances;
        _flowsFrom = flowsFrom;
        _flowsTo = flowsTo;
        RatingLimits = ratingLimits;
    }

    /// <summary>The voltage magnitude variable (p.u.) of each solver bus.</summary>
    public IReadOnlyList<Variable> VoltageMagnitudes { get; }

    /// <summary>The voltage angle variable (rad) of each solver bus.</summary>
    public IReadOnlyList<Variable> VoltageAngles { get; }

    /// <summary>The active power balance of each solver bus (per unit; see <see cref="ActivePrices"/> for its dual).</summary>
    public IReadOnlyList<NonlinearConstraint> ActiveBalances { get; }

    /// <summary>The reactive power balance of each solver bus (per unit).</summary>
    public IReadOnlyList<NonlinearConstraint> ReactiveBalances { get; }

    /// <summary>The thermal limits added: branch position and the constraints at its from and to ends (|S|² ≤ rating², p.u.).</summary>
    public IReadOnlyList<(int Branch, NonlinearConstraint From, NonlinearConstraint To)> RatingLimits { get; }

    /// <inheritdoc/>
    /// <remarks>−dual / S_base of each P balance: the balance is in per unit with the injection's constant on the right.</remarks>
    public override double[] ActivePrices(Solution solution) => Prices(solution, ActiveBalances);

    /// <summary>The marginal cost of reactive power demand at each solver bus (objective units per Mvar).</summary>
    public double[] ReactivePrices(Solution solution) => Prices(solution, ReactiveBalances);

    /// <inheritdoc/>
    public override double[]? VoltageMagnitudesPu(Solution solution)
    {
        CheckValues(solution);
        return [.. VoltageMagnitudes.Select(solution.Value)];
    }

    /// <summary>The voltage angle at each solver bus (rad).</summary>
    public double[] VoltageAnglesRad(Solution solution)
    {
        CheckValues(solution);
        return [.. VoltageAngles.Select(solution.Value)];
    }

    /// <inheritdoc/>
    public override double[]? BranchFlowsMw(Solution solution) => [.. BranchPowersFromMva(solution).Select(s => s.Real)];

    /// <summary>The complex power entering each branch at its from end (MW + j·Mvar).</summary>
    public Complex[] BranchPowersFromMva(Solution solution) => EndPowers(solution, _flowsFrom);

    /// <summary>The complex power entering each branch at its to end (MW + j·Mvar).</summary>
    public Complex[] BranchPowersToMva(Solution solution) => EndPowers(solution, _flowsTo);

    /// <inheritdoc/>
    /// <remarks>Series losses as MATPOWER and <see cref="PowerFlowResult.LossesMw"/> define them: Σ |V_f/τ − V_t|²·r/|z|².</remarks>
    public override double LossesMw(Solution solution)
    {
        CheckValues(solution);
        var total = 0.0;
        for (var k = 0; k < _index.BranchCount; k++)
        {
            int f = _index.FromIndex[k], t = _index.ToIndex[k];
            var vf = Complex.FromPolarCoordinates(solution.Value(VoltageMagnitudes[f]), solution.Value(VoltageAngles[f]));
            var vt = Complex.FromPolarCoordinates(solution.Value(VoltageMagnitudes[t]), solution.Value(VoltageAngles[t]));
            total += BranchLosses.SeriesLossPu(vf, vt, BranchLosses.Tap(_index, k), BranchLosses.SeriesImpedancePu(_index, k)).Real;
        }

        return total * _index.BaseMva;
    }

    private double[] Prices(Solution solution, IReadOnlyList<NonlinearConstraint> balances)
    {
        CheckValues(solution);
        if (solution.NonlinearDuals.Count == 0)
        {
            throw new InvalidOperationException($"The solution from {solution.SolverName} carries no duals of nonlinear constraints.");
        }

        return [.. balances.Select(c => -solution.Dual(c) / _index.BaseMva)];
    }

    private Complex[] EndPowers(Solution solution, AcPolarBranchFlow[] flows)
    {
        CheckValues(solution);
        var result = new Complex[flows.Length];
        Span<double> x = stackalloc double[4];
        for (var k = 0; k < flows.Length; k++)
        {
            for (var j = 0; j < 4; j++)
            {
                x[j] = solution.Value(flows[k].Variables[j]);
            }

            result[k] = flows[k].Power(x) * _index.BaseMva;
        }

        return result;
    }

    private static void CheckValues(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        if (!solution.HasValues)
        {
            throw new InvalidOperationException($"The solution has no values (status {solution.Status}: {solution.Message}).");
        }
    }
}
