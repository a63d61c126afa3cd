namespace Lem.Grid.Network;

/// <summary>
/// A grid as the user sees it, with the user's ids: buses, branches, loads, generators and switches.
/// Immutable; build variants with <c>with</c> expressions.
/// </summary>
public sealed record GridNetwork
{
    private readonly IReadOnlyList<Bus> _buses = [];
    private BusLookup _lookup = new([]);

    /// <summary>The network name (MATPOWER function name, pandapower net name or file name).</summary>
    public required string Name { get; init; }

    /// <summary>The system base power in MVA (MATPOWER baseMVA, pandapower sn_mva).</summary>
    public double BaseMva { get; init; } = 1.0;

    /// <summary>The system frequency in Hz.</summary>
    public double FrequencyHz { get; init; } = 50.0;

    /// <summary>The format the network was read from.</summary>
    public GridSourceFormat SourceFormat { get; init; } = GridSourceFormat.Inline;

    /// <summary>The file the network was read from, when it came from a file.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The buses.</summary>
    public required IReadOnlyList<Bus> Buses
    {
        get => _buses;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _buses = value;
            _lookup = new BusLookup(value);
        }
    }

    /// <summary>The lines.</summary>
    public IReadOnlyList<Line> Lines { get; init; } = [];

    /// <summary>The two-winding transformers.</summary>
    public IReadOnlyList<Transformer> Transformers { get; init; } = [];

    /// <summary>The shunts.</summary>
    public IReadOnlyList<Shunt> Shunts { get; init; } = [];

    /// <summary>The loads.</summary>
    public IReadOnlyList<Load> Loads { get; init; } = [];

    /// <summary>The static generators (fixed P/Q injections).</summary>
    public IReadOnlyList<StaticGenerator> StaticGenerators { get; init; } = [];

    /// <summary>The voltage-controlling generators.</summary>
    public IReadOnlyList<Generator> Generators { get; init; } = [];

    /// <summary>The external grid connections.</summary>
    public IReadOnlyList<ExternalGrid> ExternalGrids { get; init; } = [];

    /// <summary>The switches.</summary>
    public IReadOnlyList<Switch> Switches { get; init; } = [];

    /// <summary>The generator cost curves.</summary>
    public IReadOnlyList<GeneratorCost> GeneratorCosts { get; init; } = [];

    /// <summary>The total scaled active power of the in-service loads in MW.</summary>
    public double TotalLoadPMw => Loads.Where(l => l.InService).Sum(l => l.ScaledPMw);

    /// <summary>The total scaled reactive power of the in-service loads in MVAr.</summary>
    public double TotalLoadQMvar => Loads.Where(l => l.InService).Sum(l => l.ScaledQMvar);

    /// <summary>
    /// The in-service slack buses: buses of type <see cref="BusType.Slack"/> and buses with an in-service external grid,
    /// distinct, in order of first appearance.
    /// </summary>
    public IReadOnlyList<BusId> SlackBusIds
    {
        get
        {
            var result = new List<BusId>();
            var seen = new HashSet<BusId>();
            foreach (var bus in Buses)
            {
                if (bus.InService && bus.Type == BusType.Slack && seen.Add(bus.Id))
                {
                    result.Add(bus.Id);
                }
            }

            foreach (var grid in ExternalGrids)
            {
                if (grid.InService && TryGetBus(grid.Bus, out var bus) && bus.InService && seen.Add(bus.Id))
                {
                    result.Add(bus.Id);
                }
            }

            return result;
        }
    }

    /// <summary>Finds a bus by id; when an id occurs twice the first bus wins.</summary>
    public bool TryGetBus(BusId id, out Bus bus)
    {
        if (id.Value is not null && _lookup.Map.TryGetValue(id, out var found))
        {
            bus = found;
            return true;
        }

        bus = null!;
        return false;
    }

    /// <summary>A lazily built id-to-bus map; it is a function of the bus list, so it never takes part in equality.</summary>
    private sealed class BusLookup(IReadOnlyList<Bus> buses)
    {
        private Dictionary<BusId, Bus>? _map;

        public Dictionary<BusId, Bus> Map => _map ??= Build(buses);

        public override bool Equals(object? obj) => obj is BusLookup;

        public override int GetHashCode() => 0;

        private static Dictionary<BusId, Bus> Build(IReadOnlyList<Bus> buses)
        {
            var map = new Dictionary<BusId, Bus>(buses.Count);
            foreach (var bus in buses)
            {
                map.TryAdd(bus.Id, bus);
            }

            return map;
        }
    }
}
