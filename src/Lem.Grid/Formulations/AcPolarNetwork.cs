using System.Numerics;
using Lem.Grid.PowerFlow;

namespace Lem.Grid.Formulations;

/// <summary>
/// The per-network data of the AC polar formulation, built once per <see cref="NetworkIndex"/> and shared by all slots:
/// the rows of the bus admittance matrix (MATPOWER's pi model, shunts included, from <see cref="PowerFlowModel"/>),
/// the branch admittance blocks and the power-flow start voltages.
/// </summary>
internal sealed class AcPolarNetwork
{
    private AcPolarNetwork(NetworkIndex index)
    {
        Index = index;
        Model = PowerFlowModel.Build(index);
        var n = index.BusCount;
        var ybus = Model.Ybus;
        var neighbours = new List<int>[n];
        var g = new List<double>[n];
        var b = new List<double>[n];
        DiagonalG = new double[n];
        DiagonalB = new double[n];
        for (var i = 0; i < n; i++)
        {
            neighbours[i] = [];
            g[i] = [];
            b[i] = [];
        }

        // Column j of the CSC matrix holds Y_ij for the rows i; row i of Ybus is what bus i's injection needs.
        for (var j = 0; j < n; j++)
        {
            for (var p = ybus.ColumnStarts[j]; p < ybus.ColumnStarts[j + 1]; p++)
            {
                var i = ybus.RowIndices[p];
                var y = ybus.Values[p];
                if (i == j)
                {
                    DiagonalG[i] = y.Real;
                    DiagonalB[i] = y.Imaginary;
                }
                else
                {
                    neighbours[i].Add(j);
                    g[i].Add(y.Real);
                    b[i].Add(y.Imaginary);
                }
            }
        }

        Neighbours = [.. neighbours.Select(l => l.ToArray())];
        NeighbourG = [.. g.Select(l => l.ToArray())];
        NeighbourB = [.. b.Select(l => l.ToArray())];

        var start = NewtonRaphsonStart.Voltages(Model, flatStart: false);
        StartVm = [.. start.Select(v => v.Magnitude)];
        StartVa = [.. start.Select(v => v.Phase)];
        if (Model.SlackBuses.Length > 0)
        {
            // Keep the set-point angle of the slack (Complex.Phase wraps to (−π, π]).
            foreach (var s in Model.SlackBuses)
            {
                StartVa[s] = index.VaSetpointRad[s];
            }
        }
    }

    /// <summary>The solver index.</summary>
    public NetworkIndex Index { get; }

    /// <summary>The power-flow model (branch admittances, Ybus, start voltages).</summary>
    public PowerFlowModel Model { get; }

    /// <summary>Re(Y_ii) per bus.</summary>
    public double[] DiagonalG { get; }

    /// <summary>Im(Y_ii) per bus.</summary>
    public double[] DiagonalB { get; }

    /// <summary>The buses j ≠ i with a stored Y_ij, per bus i.</summary>
    public int[][] Neighbours { get; }

    /// <summary>Re(Y_ij) for each entry of <see cref="Neighbours"/>.</summary>
    public double[][] NeighbourG { get; }

    /// <summary>Im(Y_ij) for each entry of <see cref="Neighbours"/>.</summary>
    public double[][] NeighbourB { get; }

    /// <summary>The start voltage magnitude per bus (the case's values, set points at generator buses).</summary>
    public double[] StartVm { get; }

    /// <summary>The start voltage angle per bus in radians (transformer phase shifts applied where the case has no angles).</summary>
    public double[] StartVa { get; }

    /// <summary>Builds the data of a network.</summary>
    public static AcPolarNetwork Build(NetworkIndex index) => new(index);

    /// <summary>The complex voltage of each bus from magnitudes and angles.</summary>
    public static Complex[] Voltages(IReadOnlyList<double> vm, IReadOnlyList<double> va)
    {
        var v = new Complex[vm.Count];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = Complex.FromPolarCoordinates(vm[i], va[i]);
        }

        return v;
    }
}
