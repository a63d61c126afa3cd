namespace Lem.Grid.Distance;

/// <summary>Zonal charge c_nm = γ when the partners' buses are in different zones, else 0 (docs/network-charges.md#charges).</summary>
public sealed record ZonalChargeBasis : NetworkChargeBasis
{
    /// <summary>
    /// The zone of every bus that trades; null to take each bus's <see cref="Network.Bus.Zone"/> from the network
    /// (MATPOWER's zone column, pandapower's <c>zone</c>).
    /// </summary>
    public IReadOnlyDictionary<BusId, string>? ZoneOfBus { get; init; }
}
