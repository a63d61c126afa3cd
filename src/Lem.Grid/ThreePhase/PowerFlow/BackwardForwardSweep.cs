using System.Numerics;

namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// Backward/forward sweep on a radial network of lines fed by one ideal source (docs/three-phase.md, "Solvers"):
/// the currents drawn at each bus (loads, generators, shunts, the lines' shunt halves) are summed towards the source
/// through the 3×3 series impedances, then the voltages are swept outwards, V_child = V_parent − Z I, until the
/// largest phase-voltage change is below the tolerance (pu of the phase base).
/// </summary>
internal sealed class BackwardForwardSweep
{
    private readonly PhaseFrameModel _model;
    private readonly int[] _order;
    private readonly int[] _parentBranch;

    private BackwardForwardSweep(PhaseFrameModel model, int[] order, int[] parentBranch)
    {
        _model = model;
        _order = order;
        _parentBranch = parentBranch;
    }

    /// <summary>
    /// The sweep for <paramref name="model"/>, or null (with the reason) when the network is not a radial network of
    /// lines fed by one ideal source.
    /// </summary>
    public static BackwardForwardSweep? TryCreate(PhaseFrameModel model, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(model);
        reason = null;
        if (model.Sources.Count != 1 || model.Sources[0].Admittance is not null)
        {
            reason = "the sweep needs exactly one ideal source";
            return null;
        }

        var adjacency = new List<int>[model.BusCount];
        for (var b = 0; b < model.BusCount; b++)
        {
            adjacency[b] = [];
        }

        for (var k = 0; k < model.Branches.Count; k++)
        {
            var branch = model.Branches[k];
            if (branch.IsTransformer)
            {
                reason = "the sweep handles lines only (the network has a transformer)";
                return null;
            }

            if (branch.Line is { FromClosed: true, ToClosed: true })
            {
                adjacency[branch.From].Add(k);
                adjacency[branch.To].Add(k);
            }
        }

        var parent = new int[model.BusCount];
        Array.Fill(parent, -2);
        var root = model.Sources[0].Bus;
        parent[root] = -1;
        var order = new List<int> { root };
        for (var head = 0; head < order.Count; head++)
        {
            var bus = order[head];
            foreach (var k in adjacency[bus])
            {
                if (k == parent[bus])
                {
                    continue;
                }

                var branch = model.Branches[k];
                var other = branch.From == bus ? branch.To : branch.From;
                if (parent[other] != -2)
                {
                    reason = "the network is meshed";
                    return null;
                }

                parent[other] = k;
                order.Add(other);
            }
        }

        return new BackwardForwardSweep(model, [.. order], parent);
    }

    /// <summary>Solves for the node voltages (V) with the load terms <paramref name="loads"/>; buses the source does not reach stay at zero.</summary>
    public (Complex[] Voltage, bool Converged, int Iterations) Solve(ReadOnlySpan<LoadTerm> loads, ThreePhasePowerFlowOptions options)
    {
        var model = _model;
        var n = model.BusCount;
        var voltage = new Complex[3 * n];
        var source = model.Sources[0];
        foreach (var bus in _order)
        {
            for (var p = 0; p < 3; p++)
            {
                voltage[(3 * bus) + p] = source.Voltage[p] * (model.PhaseBaseVoltageV[bus] / model.PhaseBaseVoltageV[source.Bus]);
            }
        }

        var drawn = new Complex[3 * n];
        var branchCurrent = new Complex[3 * n];
        Span<Complex> scratch = stackalloc Complex[3];
        Span<Complex> v3 = stackalloc Complex[3];
        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            Array.Clear(drawn);
            PhaseFrameModel.AddDrawnCurrents(loads, voltage, drawn);
            for (var b = 0; b < n; b++)
            {
                AddShuntCurrent(model.BusShunts[b], voltage, b, drawn, scratch);
            }

            foreach (var branch in model.Branches)
            {
                if (branch.Line is { FromClosed: true, ToClosed: true } line)
                {
                    if (!line.ShuntAdmittanceSiemens.IsZero)
                    {
                        var half = (Complex)0.5 * line.ShuntAdmittanceSiemens;
                        AddShuntCurrent(half, voltage, branch.From, drawn, scratch);
                        AddShuntCurrent(half, voltage, branch.To, drawn, scratch);
                    }
                }
                else
                {
                    // An open-ended line acts as a shunt at its closed end.
                    AddShuntCurrent(branch.Admittance.FromFrom, voltage, branch.From, drawn, scratch);
                    AddShuntCurrent(branch.Admittance.ToTo, voltage, branch.To, drawn, scratch);
                }
            }

            // Backward: the series current of a bus's parent line is what the bus draws plus its children's.
            Array.Copy(drawn, branchCurrent, drawn.Length);
            for (var i = _order.Length - 1; i > 0; i--)
            {
                var bus = _order[i];
                var branch = model.Branches[_parentBranch[bus]];
                var parentBus = branch.From == bus ? branch.To : branch.From;
                for (var p = 0; p < 3; p++)
                {
                    branchCurrent[(3 * parentBus) + p] += branchCurrent[(3 * bus) + p];
                }
            }

            // Forward: V_child = V_parent − Z I (the current flows parent → child).
            var change = 0.0;
            for (var i = 1; i < _order.Length; i++)
            {
                var bus = _order[i];
                var branch = model.Branches[_parentBranch[bus]];
                var parentBus = branch.From == bus ? branch.To : branch.From;
                branch.Line!.SeriesImpedanceOhm.Multiply(branchCurrent.AsSpan(3 * bus, 3), v3);
                for (var p = 0; p < 3; p++)
                {
                    var updated = voltage[(3 * parentBus) + p] - v3[p];
                    change = Math.Max(change, (updated - voltage[(3 * bus) + p]).Magnitude / model.PhaseBaseVoltageV[bus]);
                    voltage[(3 * bus) + p] = updated;
                }
            }

            if (change < options.TolerancePu)
            {
                return (voltage, true, iteration);
            }

            if (double.IsNaN(change))
            {
                return (voltage, false, iteration);
            }
        }

        return (voltage, false, options.MaxIterations);
    }

    private static void AddShuntCurrent(PhaseMatrix admittance, ReadOnlySpan<Complex> voltage, int bus, Span<Complex> drawn, Span<Complex> scratch)
    {
        if (admittance.IsZero)
        {
            return;
        }

        admittance.Multiply(voltage.Slice(3 * bus, 3), scratch);
        for (var p = 0; p < 3; p++)
        {
            drawn[(3 * bus) + p] += scratch[p];
        }
    }
}
