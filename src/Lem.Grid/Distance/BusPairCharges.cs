namespace Lem.Grid.Distance;

/// <summary>
/// A <see cref="NetworkChargePolicy"/> prepared on a network: the charge c_nm in EUR/MWh of a trade between any two buses
/// (docs/network-charges.md#charges). Symmetric; the split between buyer and seller is the policy's <see cref="NetworkChargePolicy.Split"/>.
/// </summary>
public sealed class BusPairCharges
{
    private readonly IReadOnlyDictionary<BusId, string>? _zones;

    private BusPairCharges(NetworkChargePolicy policy, ElectricalDistanceMatrix? distances, double? normalisation, IReadOnlyDictionary<BusId, string>? zones)
    {
        Policy = policy;
        Distances = distances;
        NormalisationDistance = normalisation;
        _zones = zones;
    }

    /// <summary>The policy.</summary>
    public NetworkChargePolicy Policy { get; }

    /// <summary>The distances (distance basis only; null otherwise).</summary>
    public ElectricalDistanceMatrix? Distances { get; }

    /// <summary>
    /// The normalisation d̄ used (distance basis only): the policy's, or the largest distance in the network. When the
    /// network's largest distance is 0 (every bus at one electrical point), every distance charge is 0.
    /// </summary>
    public double? NormalisationDistance { get; }

    /// <summary>
    /// The charge c_nm ≥ 0 in EUR/MWh of a trade between buses <paramref name="a"/> and <paramref name="b"/> (null buses
    /// only with the uniform basis). A negative path impedance (branches with negative resistance) is charged 0.
    /// </summary>
    /// <exception cref="ArgumentException">When a bus is null or unknown for a distance or zonal basis.</exception>
    public double ChargeEurPerMwh(BusId? a, BusId? b)
    {
        var level = Policy.LevelEurPerMwh;
        if (Distances is not null)
        {
            var d = Distances.Between(Require(a, nameof(a)), Require(b, nameof(b)));
            return NormalisationDistance is > 0 and var norm ? Math.Max(0.0, level * d / norm) : 0.0;
        }

        if (_zones is not null)
        {
            return string.Equals(ZoneOf(Require(a, nameof(a))), ZoneOf(Require(b, nameof(b))), StringComparison.Ordinal) ? 0.0 : level;
        }

        return level;
    }

    /// <summary>The electrical distance between two buses for a distance basis; null for the uniform and zonal bases.</summary>
    /// <exception cref="ArgumentException">When a bus is null or unknown for a distance basis.</exception>
    public double? DistanceBetween(BusId? a, BusId? b) => Distances?.Between(Require(a, nameof(a)), Require(b, nameof(b)));

    /// <summary>The zone of a bus for a zonal basis; null for the other bases.</summary>
    /// <exception cref="ArgumentException">When the bus has no zone under a zonal basis.</exception>
    public string? ZoneOf(BusId bus) =>
        _zones is null
            ? null
            : bus.Value is not null && _zones.TryGetValue(bus, out var zone) && !string.IsNullOrWhiteSpace(zone)
                ? zone
                : throw new ArgumentException($"Bus '{bus.Value}' has no zone; zonal network charges need the zone of every bus that trades.", nameof(bus));

    internal static BusPairCharges ForDistance(NetworkChargePolicy policy, ElectricalDistanceMatrix distances, double? normalisation) =>
        new(policy, distances, normalisation ?? distances.Max, null);

    internal static BusPairCharges ForZones(NetworkChargePolicy policy, IReadOnlyDictionary<BusId, string> zones) => new(policy, null, null, zones);

    internal static BusPairCharges Uniform(NetworkChargePolicy policy) => new(policy, null, null, null);

    private static BusId Require(BusId? bus, string parameter) =>
        bus ?? throw new ArgumentException("Distance-based and zonal network charges need the bus of both partners.", parameter);
}
