namespace Lem.Grid.ThreePhase;

/// <summary>
/// An unbalanced network in the phase frame (docs/three-phase.md): buses, lines with 3×3 impedances,
/// transformers with vector groups, sources, per-phase loads and generators, shunts. Immutable; build variants with
/// <c>with</c> expressions.
/// </summary>
public sealed record ThreePhaseNetwork
{
    private readonly IReadOnlyList<ThreePhaseBus> _buses = [];
    private Dictionary<BusId, int> _positions = [];

    /// <summary>The network name.</summary>
    public required string Name { get; init; }

    /// <summary>The system frequency in Hz.</summary>
    public double FrequencyHz { get; init; } = 50.0;

    /// <summary>The file the network was read from, when it came from a file.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The buses.</summary>
    public required IReadOnlyList<ThreePhaseBus> Buses
    {
        get => _buses;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _buses = value;
            var positions = new Dictionary<BusId, int>(value.Count);
            for (var i = 0; i < value.Count; i++)
            {
                positions.TryAdd(value[i].Id, i);
            }

            _positions = positions;
        }
    }

    /// <summary>The lines and cables.</summary>
    public IReadOnlyList<ThreePhaseLine> Lines { get; init; } = [];

    /// <summary>The two-winding transformers.</summary>
    public IReadOnlyList<ThreePhaseTransformer> Transformers { get; init; } = [];

    /// <summary>The sources (slacks).</summary>
    public IReadOnlyList<ThreePhaseSource> Sources { get; init; } = [];

    /// <summary>The loads.</summary>
    public IReadOnlyList<ThreePhaseLoad> Loads { get; init; } = [];

    /// <summary>The static generators.</summary>
    public IReadOnlyList<ThreePhaseGenerator> Generators { get; init; } = [];

    /// <summary>The shunts.</summary>
    public IReadOnlyList<ThreePhaseShunt> Shunts { get; init; } = [];

    /// <summary>The position of bus <paramref name="id"/> in <see cref="Buses"/>, or −1 when there is no such bus.</summary>
    public int BusPosition(BusId id) => _positions.TryGetValue(id, out var position) ? position : -1;

    /// <summary>The bus with id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">When there is no such bus.</exception>
    public ThreePhaseBus Bus(BusId id) =>
        _positions.TryGetValue(id, out var position) ? _buses[position] : throw new KeyNotFoundException($"No bus '{id}' in the three-phase network '{Name}'.");
}
