namespace Lem.Grid.Distance;

/// <summary>
/// R = Re(Z_bus) of the series network with the reference bus removed (docs/network-charges.md): R_nm is the voltage at n per
/// unit current injected at m and withdrawn at the reference, real part; R_nn is the Thevenin resistance of bus n seen
/// from the reference. Per unit of the network's base impedance; addressed by the user's bus ids.
/// </summary>
/// <remarks>
/// The matrix depends on the reference; the resistance distance R_nn + R_mm − 2R_nm formed from it does not (the
/// injections +1 at n and −1 at m sum to zero, so no current flows through the reference). Only the series branch data
/// enter (see <see cref="ElectricalDistance"/>).
/// </remarks>
public sealed class ReducedResistanceMatrix
{
    private readonly double[] _r;
    private readonly int _solverBuses;
    private readonly NetworkIndex _index;

    internal ReducedResistanceMatrix(NetworkIndex index, int referenceBus, double[] r)
    {
        _index = index;
        _solverBuses = index.BusCount;
        _r = r;
        Reference = index.BusIds[referenceBus];
        var buses = new List<BusId>();
        for (var k = 0; k < _solverBuses; k++)
        {
            buses.AddRange(index.MembersOf(k));
        }

        buses.Sort();
        Buses = buses;
    }

    /// <summary>The reference bus removed from the admittance matrix: the network's first slack bus, else the first bus (its row and column are 0).</summary>
    public BusId Reference { get; }

    /// <summary>The in-service buses, by the user's ids, sorted.</summary>
    public IReadOnlyList<BusId> Buses { get; }

    /// <summary>R_ab in per unit (symmetric).</summary>
    /// <exception cref="ArgumentException">When a bus is not an in-service bus of the network.</exception>
    public double Between(BusId a, BusId b) => _r[(_index.IndexOf(a) * _solverBuses) + _index.IndexOf(b)];
}
