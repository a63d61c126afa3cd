using System.Numerics;
using Lem.Grid.Topology;

namespace Lem.Grid.PowerFlow;

/// <summary>
/// The AC model of a network for power flow, built once from a <see cref="NetworkIndex"/>: branch admittances in
/// MATPOWER's pi model, the bus admittance matrix, specified injections, bus roles and start voltages.
/// </summary>
/// <remarks>
/// Branch model (MATPOWER <c>makeYbus</c>): series admittance y_s = 1/(r + jx), total charging b_c and shunt
/// conductance g_c split half to each end, complex tap τ = t·e^{jφ} on the from side:
/// Y_ff = (y_s + (g_c + jb_c)/2)/|τ|², Y_ft = −y_s/τ*, Y_tf = −y_s/τ, Y_tt = y_s + (g_c + jb_c)/2.
/// </remarks>
public sealed class PowerFlowModel
{
    private PowerFlowModel(NetworkIndex index)
    {
        Index = index;
        var n = index.BusCount;
        var m = index.BranchCount;
        Yff = new Complex[m];
        Yft = new Complex[m];
        Ytf = new Complex[m];
        Ytt = new Complex[m];
        var triplets = new List<(int, int, Complex)>(4 * m + n);
        for (var k = 0; k < m; k++)
        {
            var ys = 1.0 / new Complex(index.RPu[k], index.XPu[k]);
            var half = new Complex(index.GPu[k], index.BPu[k]) / 2.0;
            var tap = index.TapRatio[k] == 0 ? 1.0 : index.TapRatio[k];
            var tau = Complex.FromPolarCoordinates(tap, index.ShiftRad[k]);
            Ytt[k] = ys + half;
            Yff[k] = Ytt[k] / (tap * tap);
            Yft[k] = -ys / Complex.Conjugate(tau);
            Ytf[k] = -ys / tau;
            int f = index.FromIndex[k], t = index.ToIndex[k];
            triplets.Add((f, f, Yff[k]));
            triplets.Add((f, t, Yft[k]));
            triplets.Add((t, f, Ytf[k]));
            triplets.Add((t, t, Ytt[k]));
        }

        ShuntPu = new Complex[n];
        SpecifiedSbusPu = new Complex[n];
        var pv = new List<int>();
        var pq = new List<int>();
        var slack = new List<int>();
        for (var i = 0; i < n; i++)
        {
            ShuntPu[i] = new Complex(index.GShPu[i], index.BShPu[i]);
            triplets.Add((i, i, ShuntPu[i]));
            SpecifiedSbusPu[i] = new Complex(index.PInjPu[i], index.QInjPu[i]);
            switch (index.BusTypes[i])
            {
                case BusType.Slack:
                    slack.Add(i);
                    break;
                case BusType.Pv:
                    pv.Add(i);
                    break;
                default:
                    pq.Add(i);
                    break;
            }
        }

        Ybus = SparseComplexMatrix.FromTriplets(n, triplets);
        PvBuses = [.. pv];
        PqBuses = [.. pq];
        SlackBuses = [.. slack];
        Topology = GridTopology.Analyze(index);
    }

    /// <summary>The solver index the model was built from.</summary>
    public NetworkIndex Index { get; }

    /// <summary>The number of buses.</summary>
    public int BusCount => Index.BusCount;

    /// <summary>The number of branches.</summary>
    public int BranchCount => Index.BranchCount;

    /// <summary>Per branch: the from-from entry of its 2×2 admittance block (p.u.).</summary>
    public Complex[] Yff { get; }

    /// <summary>Per branch: the from-to entry.</summary>
    public Complex[] Yft { get; }

    /// <summary>Per branch: the to-from entry.</summary>
    public Complex[] Ytf { get; }

    /// <summary>Per branch: the to-to entry.</summary>
    public Complex[] Ytt { get; }

    /// <summary>The bus shunt admittance per bus (p.u., G + jB; positive B is capacitive).</summary>
    public Complex[] ShuntPu { get; }

    /// <summary>The bus admittance matrix (p.u.).</summary>
    public SparseComplexMatrix Ybus { get; }

    /// <summary>The specified complex injection per bus from the network's loads and generators (p.u., injection positive).</summary>
    public Complex[] SpecifiedSbusPu { get; }

    /// <summary>Buses whose voltage magnitude is held by a generator.</summary>
    public int[] PvBuses { get; }

    /// <summary>Buses with specified P and Q.</summary>
    public int[] PqBuses { get; }

    /// <summary>Reference buses (voltage magnitude and angle held).</summary>
    public int[] SlackBuses { get; }

    /// <summary>The topology of the in-service network.</summary>
    public TopologyReport Topology { get; }

    /// <summary>Whether the backward/forward sweep applies: one slack and a radial, connected network.</summary>
    public bool SweepApplicable => SlackBuses.Length == 1 && Topology.IsRadial && Topology.IsConnected;

    /// <summary>Builds the model of a network.</summary>
    public static PowerFlowModel Build(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new PowerFlowModel(index);
    }

    /// <summary>
    /// The start voltages: set points at slack and PV buses; at PQ buses the case's values, or 1∠0 with a flat start
    /// (angles of a flat start are the slack's angle).
    /// </summary>
    public Complex[] StartVoltages(bool flatStart)
    {
        var v = new Complex[BusCount];
        var slackAngle = SlackBuses.Length > 0 ? Index.VaSetpointRad[SlackBuses[0]] : 0.0;
        for (var i = 0; i < BusCount; i++)
        {
            var type = Index.BusTypes[i];
            var vm = type == BusType.Pq && flatStart ? 1.0 : Index.VmSetpointPu[i];
            var va = type == BusType.Slack || !flatStart ? Index.VaSetpointRad[i] : slackAngle;
            v[i] = Complex.FromPolarCoordinates(vm, va);
        }

        return v;
    }

    /// <summary>The complex power injected into the network at each bus by the voltages: S = V·conj(Ybus·V) (p.u.).</summary>
    public void ComputeInjections(ReadOnlySpan<Complex> v, Span<Complex> s)
    {
        Ybus.Multiply(v, s);
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = v[i] * Complex.Conjugate(s[i]);
        }
    }

    /// <summary>The largest power mismatch (p.u.) at the buses whose injections are specified: P at PV and PQ, Q at PQ.</summary>
    public double MaxMismatchPu(ReadOnlySpan<Complex> v, ReadOnlySpan<Complex> sbusPu)
    {
        var s = new Complex[BusCount];
        ComputeInjections(v, s);
        var max = 0.0;
        foreach (var i in PvBuses)
        {
            max = Math.Max(max, Math.Abs(s[i].Real - sbusPu[i].Real));
        }

        foreach (var i in PqBuses)
        {
            max = Math.Max(max, Math.Max(Math.Abs(s[i].Real - sbusPu[i].Real), Math.Abs(s[i].Imaginary - sbusPu[i].Imaginary)));
        }

        return max;
    }
}
