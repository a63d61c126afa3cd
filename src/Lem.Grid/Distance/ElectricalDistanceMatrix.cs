namespace Lem.Grid.Distance;

/// <summary>
/// The electrical distance between every two in-service buses of a network (docs/network-charges.md), computed on the solver
/// view (<see cref="NetworkIndex"/>) and addressed by the user's bus ids. Symmetric, zero on the diagonal; buses merged
/// by closed bus-bus switches share one solver bus, so their distance is 0.
/// </summary>
/// <remarks>
/// Units: <see cref="ElectricalDistanceMethod.PathImpedance"/> and <see cref="ElectricalDistanceMethod.ResistanceDistance"/>
/// are in per unit of the network's base impedance, that is, in the per-unit system the branches are stored in (MATPOWER's
/// convention: system base power <see cref="Network.GridNetwork.BaseMva"/> and each bus's nominal voltage, so Z_base =
/// kV²/MVA on either side of a transformer). <see cref="ElectricalDistanceMethod.Ptdf"/> is dimensionless (MW of branch
/// flow per MW traded, summed over the branches).
/// </remarks>
public sealed class ElectricalDistanceMatrix
{
    private readonly double[] _distances;
    private readonly int _solverBuses;
    private readonly Dictionary<BusId, int> _solverIndexOf;

    internal ElectricalDistanceMatrix(NetworkIndex index, ElectricalDistanceMethod method, ElectricalDistanceOptions options, double[] distances)
    {
        _solverBuses = index.BusCount;
        if (distances.Length != _solverBuses * _solverBuses)
        {
            throw new ArgumentException($"{distances.Length} distances were given for {_solverBuses} solver buses.", nameof(distances));
        }

        _distances = distances;
        Method = method;
        Options = options;
        _solverIndexOf = [];
        var buses = new List<BusId>();
        var multiplicity = new double[_solverBuses];
        for (var k = 0; k < _solverBuses; k++)
        {
            foreach (var id in index.MembersOf(k))
            {
                _solverIndexOf[id] = k;
                buses.Add(id);
                multiplicity[k]++;
            }
        }

        buses.Sort();
        Buses = buses;
        double max = 0, weighted = 0;
        for (var i = 0; i < _solverBuses; i++)
        {
            for (var j = i + 1; j < _solverBuses; j++)
            {
                var d = distances[(i * _solverBuses) + j];
                max = Math.Max(max, d);
                weighted += multiplicity[i] * multiplicity[j] * d;
            }
        }

        Max = max;
        var pairs = buses.Count * (buses.Count - 1) / 2.0;
        Mean = pairs > 0 ? weighted / pairs : 0.0;
    }

    /// <summary>The in-service buses, by the user's ids, sorted (merged buses each appear).</summary>
    public IReadOnlyList<BusId> Buses { get; }

    /// <summary>How the distances were measured.</summary>
    public ElectricalDistanceMethod Method { get; }

    /// <summary>The settings the distances were computed with.</summary>
    public ElectricalDistanceOptions Options { get; }

    /// <summary>The largest distance between two buses (0 for a network of one bus); per unit, or dimensionless for <see cref="ElectricalDistanceMethod.Ptdf"/>.</summary>
    public double Max { get; }

    /// <summary>
    /// The mean distance over the distinct unordered pairs of <see cref="Buses"/> (merged buses count as pairs at
    /// distance 0); 0 when there are fewer than two buses.
    /// </summary>
    public double Mean { get; }

    /// <summary>Whether <paramref name="bus"/> is one of <see cref="Buses"/>.</summary>
    public bool Contains(BusId bus) => bus.Value is not null && _solverIndexOf.ContainsKey(bus);

    /// <summary>The distance between buses <paramref name="a"/> and <paramref name="b"/> (symmetric; 0 when a = b).</summary>
    /// <exception cref="ArgumentException">When a bus is not an in-service bus of the network.</exception>
    public double Between(BusId a, BusId b) => _distances[(SolverIndex(a, nameof(a)) * _solverBuses) + SolverIndex(b, nameof(b))];

    private int SolverIndex(BusId bus, string parameter) =>
        bus.Value is not null && _solverIndexOf.TryGetValue(bus, out var k)
            ? k
            : throw new ArgumentException($"Bus '{bus.Value}' is not an in-service bus of the network the distances were computed for.", parameter);
}
