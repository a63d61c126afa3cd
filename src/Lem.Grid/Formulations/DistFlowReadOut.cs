using System.Collections.Immutable;
using Lem.Grid.Indexing;
using Lem.Optimization;

namespace Lem.Grid.Formulations;

/// <summary>
/// The read-outs <see cref="LinDistFlowSlot"/> and <see cref="SocDistFlowSlot"/> share: prices from the balance duals,
/// voltage magnitudes from the squared voltages and the power entering each branch at its from end (series flow plus
/// the from end's half of the shunt admittance, docs/formulations.md#lindistflow).
/// </summary>
internal static class DistFlowReadOut
{
    /// <summary>The balance duals per MW or Mvar: each dual divided by the model's power base.</summary>
    public static double[] Prices(Solution solution, Constraint[] balances, double baseMva)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return [.. balances.Select(c => solution.Dual(c) / baseMva)];
    }

    /// <summary>The voltage magnitude √max(0, v) of each bus (p.u.).</summary>
    public static double[] VoltageMagnitudesPu(Solution solution, Variable[] squaredVoltages)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return [.. squaredVoltages.Select(x => Math.Sqrt(Math.Max(0.0, solution.Value(x))))];
    }

    /// <summary>
    /// The power entering each branch at its from end in MW or Mvar: (flow + sign·y/(2τ²)·v_f)·base, with y the branch's
    /// shunt conductance and sign +1 for active power, its shunt susceptance and sign −1 for reactive power.
    /// </summary>
    public static double[] FromEndFlows(
        Solution solution,
        DistributionFeeder feeder,
        Variable[] flow,
        Variable[] squaredVoltage,
        ImmutableArray<double> shuntPu,
        double shuntSign,
        double baseMva)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var index = feeder.Index;
        var flows = new double[index.BranchCount];
        for (var k = 0; k < flows.Length; k++)
        {
            var vf = solution.Value(squaredVoltage[index.FromIndex[k]]);
            flows[k] = (solution.Value(flow[k]) + (shuntSign * (shuntPu[k] / (2 * feeder.TapSquared[k]) * vf))) * baseMva;
        }

        return flows;
    }
}
