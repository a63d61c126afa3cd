using System.Collections.Immutable;

namespace Lem.Grid.Formulations;

/// <summary>
/// The variables and rows the two branch flow models of a radial feeder share (docs/formulations.md#lindistflow and
/// docs/formulations.md#soc-distflow): squared bus voltages with the root fixed at its set point, the sending-end flows P and Q of each
/// branch, and the nodal balances. <see cref="PreparedLinDistFlowFormulation"/> and
/// <see cref="PreparedSocDistFlowFormulation"/> add their voltage-drop, cone and thermal rows around them.
/// </summary>
internal static class DistFlowRows
{
    /// <summary>The squared voltage limits of every bus (see <see cref="LinDistFlowFormulation.SquaredLimits"/>).</summary>
    public static (double[] Lower, double[] Upper) SquaredLimits(NetworkIndex index)
    {
        var lower = new double[index.BusCount];
        var upper = new double[index.BusCount];
        for (var i = 0; i < index.BusCount; i++)
        {
            (lower[i], upper[i]) = LinDistFlowFormulation.SquaredLimits(index, i);
        }

        return (lower, upper);
    }

    /// <summary>
    /// Adds the squared voltage variable <c>name[slot,bus]</c> of every bus: the root's fixed at its squared set point,
    /// the others with lower bound <paramref name="freeLower"/>, start value <paramref name="start"/> when given and a
    /// <c>vlim</c> row where a squared limit is finite (that bus's entry of <paramref name="limitRows"/>, else null).
    /// </summary>
    public static Variable[] AddSquaredVoltages(
        OptimizationModel model,
        int slot,
        DistributionFeeder feeder,
        string name,
        double freeLower,
        double? start,
        double[] squaredLower,
        double[] squaredUpper,
        out Constraint?[] limitRows)
    {
        var index = feeder.Index;
        var n = index.BusCount;
        var v = new Variable[n];
        limitRows = new Constraint?[n];
        for (var i = 0; i < n; i++)
        {
            if (i == feeder.Root)
            {
                var fixedSquare = index.VmSetpointPu[i] * index.VmSetpointPu[i];
                v[i] = model.AddVariable(fixedSquare, fixedSquare, $"{name}[{slot},{index.BusIds[i]}]");
                continue;
            }

            v[i] = model.AddVariable(freeLower, double.PositiveInfinity, $"{name}[{slot},{index.BusIds[i]}]");
            if (start is { } s)
            {
                model.SetStart(v[i], s);
            }

            double lo = squaredLower[i], hi = squaredUpper[i];
            if (double.IsFinite(lo) || double.IsFinite(hi))
            {
                limitRows[i] = model.AddConstraint(new LinearExpression().Add(v[i], 1.0), lo, hi, $"vlim[{slot},{index.BusIds[i]}]");
            }
        }

        return v;
    }

    /// <summary>
    /// Adds the free sending-end flows <c>P[slot,branch]</c> and <c>Q[slot,branch]</c> of every branch and, when
    /// <paramref name="withSquaredCurrent"/>, the squared current <c>l[slot,branch]</c> ≥ 0 after them (branch by branch).
    /// </summary>
    public static (Variable[] P, Variable[] Q, Variable[]? SquaredCurrent) AddBranchFlows(OptimizationModel model, int slot, NetworkIndex index, bool withSquaredCurrent)
    {
        var m = index.BranchCount;
        var p = new Variable[m];
        var q = new Variable[m];
        var l = withSquaredCurrent ? new Variable[m] : null;
        for (var k = 0; k < m; k++)
        {
            p[k] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"P[{slot},{index.BranchIds[k]}]");
            q[k] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"Q[{slot},{index.BranchIds[k]}]");
            if (l is not null)
            {
                l[k] = model.AddVariable(0.0, double.PositiveInfinity, $"l[{slot},{index.BranchIds[k]}]");
            }
        }

        return (p, q, l);
    }

    /// <summary>
    /// Starts the nodal balances of every bus: the injection in per unit of <paramref name="baseMva"/> minus the shunt
    /// draw (per unit of squared voltage) times the bus's squared voltage; the branch terms are added by the caller.
    /// </summary>
    public static (LinearExpression[] P, LinearExpression[] Q) StartBalances(
        IReadOnlyList<LinearExpression> pInjectionMw,
        IReadOnlyList<LinearExpression> qInjectionMvar,
        double baseMva,
        Variable[] squaredVoltage,
        ImmutableArray<double> shuntPPerV,
        ImmutableArray<double> shuntQPerV)
    {
        var n = squaredVoltage.Length;
        var pBalance = new LinearExpression[n];
        var qBalance = new LinearExpression[n];
        for (var i = 0; i < n; i++)
        {
            pBalance[i] = new LinearExpression().Add(pInjectionMw[i], 1.0 / baseMva).Add(squaredVoltage[i], -shuntPPerV[i]);
            qBalance[i] = new LinearExpression().Add(qInjectionMvar[i], 1.0 / baseMva).Add(squaredVoltage[i], -shuntQPerV[i]);
        }

        return (pBalance, qBalance);
    }

    /// <summary>Adds the balances as the equality rows <c>pbal[slot,bus]</c> and <c>qbal[slot,bus]</c>, bus by bus.</summary>
    public static (Constraint[] P, Constraint[] Q) AddBalanceRows(OptimizationModel model, int slot, NetworkIndex index, LinearExpression[] pBalance, LinearExpression[] qBalance)
    {
        var n = pBalance.Length;
        var pRows = new Constraint[n];
        var qRows = new Constraint[n];
        for (var i = 0; i < n; i++)
        {
            pRows[i] = model.AddEquality(pBalance[i], 0.0, $"pbal[{slot},{index.BusIds[i]}]");
            qRows[i] = model.AddEquality(qBalance[i], 0.0, $"qbal[{slot},{index.BusIds[i]}]");
        }

        return (pRows, qRows);
    }
}
