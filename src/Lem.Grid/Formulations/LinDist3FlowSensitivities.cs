using System.Numerics;

namespace Lem.Grid.Formulations;

/// <summary>
/// The linear response of the LinDist3Flow model of a radial feeder to per-(bus, phase) injections
/// (docs/three-phase.md#flexibility-on-three-phases): the same branch flow and voltage drop equations as
/// <see cref="PreparedLinDist3FlowFormulation"/>, solved by one sweep up the tree (flows: the net withdrawal downstream,
/// mapped onto the HV phases at delta transformers) and one sweep down (Y_n^φ = Y_m^φ/τ² − D_k(S_k)^φ).
/// </summary>
/// <remarks>
/// Element layout: the injection and the squared voltage of bus i, phase φ at i·3 + φ; the flow of branch k, phase φ
/// (its to-side phases, at the from end) at k·3 + φ. Injections are in p.u. of S_base (a phase's MW over S_base), flows
/// in p.u. of S_base/3 as in the formulation, so a balanced flow has the single-phase value on every phase. The shunt
/// charging of lines is left out of the response (the flat state has no flow); a clearing corrects it with the AC
/// power flow.
/// </remarks>
public sealed class LinDist3FlowSensitivities
{
    private readonly PreparedLinDist3FlowFormulation _prepared;
    private readonly double[] _flat;

    /// <summary>Prepares the response of a prepared feeder.</summary>
    public LinDist3FlowSensitivities(PreparedLinDist3FlowFormulation prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        _prepared = prepared;
        var index = prepared.Index;
        var feeder = prepared.Feeder;
        _flat = new double[index.BusCount * 3];
        var square = index.VmSetpointPu[feeder.Root] * index.VmSetpointPu[feeder.Root];
        for (var phi = 0; phi < 3; phi++)
        {
            _flat[(feeder.Root * 3) + phi] = square;
        }

        DownSweep(_flat, new double[index.BranchCount * 3], new double[index.BranchCount * 3]);
    }

    /// <summary>The feeder.</summary>
    public DistributionFeeder Feeder => _prepared.Feeder;

    /// <summary>The squared voltages at zero injection, [bus·3 + phase] (the slack's set point squared, through the taps).</summary>
    public IReadOnlyList<double> FlatSquaredVoltages => _flat;

    /// <summary>
    /// The change of flows and squared voltages caused by injections <paramref name="pPu"/>, <paramref name="qPu"/>
    /// ([bus·3 + phase], p.u. of S_base), the slack absorbing them: adds to <paramref name="squaredVoltage"/> ([bus·3 + phase])
    /// and writes <paramref name="branchP"/>, <paramref name="branchQ"/> ([branch·3 + phase], p.u. of S_base/3).
    /// </summary>
    /// <exception cref="ArgumentException">When an array has the wrong length.</exception>
    public void Response(ReadOnlySpan<double> pPu, ReadOnlySpan<double> qPu, Span<double> squaredVoltage, Span<double> branchP, Span<double> branchQ)
    {
        var index = _prepared.Index;
        int n = index.BusCount, m = index.BranchCount;
        if (pPu.Length != 3 * n || qPu.Length != 3 * n || squaredVoltage.Length != 3 * n || branchP.Length != 3 * m || branchQ.Length != 3 * m)
        {
            throw new ArgumentException($"Expected injections and voltages for {n} buses × 3 phases and flows for {m} branches × 3 phases.");
        }

        var feeder = _prepared.Feeder;

        // Up: the net withdrawal of every subtree per phase, in p.u. of S_base/3.
        var w = new Complex[3 * n];
        for (var e = 0; e < 3 * n; e++)
        {
            w[e] = -3 * new Complex(pPu[e], qPu[e]);
        }

        for (var o = feeder.Order.Length - 1; o >= 0; o--)
        {
            var b = feeder.Order[o];
            if (b == feeder.Root)
            {
                continue;
            }

            var k = feeder.ParentBranch[b];
            var parent = feeder.Parent[b];
            var forward = feeder.ParentBranchIsForward[b];
            var branch = _prepared.Branches[k];
            for (var phi = 0; phi < 3; phi++)
            {
                var s = forward ? w[(b * 3) + phi] : -w[(b * 3) + phi];
                branchP[(k * 3) + phi] = s.Real;
                branchQ[(k * 3) + phi] = s.Imaginary;
            }

            for (var from = 0; from < 3; from++)
            {
                var add = Complex.Zero;
                for (var psi = 0; psi < 3; psi++)
                {
                    // Delta transformers have their HV side towards the slack (LinDist3FlowFormulation.CannotRepresent);
                    // a reversed line maps phase to phase.
                    add += (forward ? branch.FromShare[from, psi] : (from == psi ? Complex.One : Complex.Zero)) * w[(b * 3) + psi];
                }

                w[(parent * 3) + from] += add;
            }
        }

        var dy = new double[3 * n];
        DownSweep(dy, branchP, branchQ);
        for (var e = 0; e < 3 * n; e++)
        {
            squaredVoltage[e] += dy[e];
        }
    }

    /// <summary>Fills the squared voltages below the root (root entries given) from the branch flows.</summary>
    private void DownSweep(double[] y, ReadOnlySpan<double> branchP, ReadOnlySpan<double> branchQ)
    {
        var feeder = _prepared.Feeder;
        Span<Complex> s = stackalloc Complex[3];
        foreach (var b in feeder.Order)
        {
            if (b == feeder.Root)
            {
                continue;
            }

            var k = feeder.ParentBranch[b];
            var parent = feeder.Parent[b];
            var branch = _prepared.Branches[k];
            var tap = feeder.TapSquared[k];
            for (var psi = 0; psi < 3; psi++)
            {
                s[psi] = new Complex(branchP[(k * 3) + psi], branchQ[(k * 3) + psi]);
            }

            for (var phi = 0; phi < 3; phi++)
            {
                var drop = branch.Drop(phi, s);
                if (!feeder.ParentBranchIsForward[b])
                {
                    // Y_parent = Y_b/τ² − D(s) with s from b to the parent.
                    y[(b * 3) + phi] = tap * (y[(parent * 3) + phi] + drop);
                    continue;
                }

                var upstream = branch.HvPairs is { } pairs
                    ? 0.5 * (y[(parent * 3) + (int)pairs[phi].X] + y[(parent * 3) + (int)pairs[phi].Y])
                    : y[(parent * 3) + phi];
                y[(b * 3) + phi] = (upstream / tap) - drop;
            }
        }
    }
}
