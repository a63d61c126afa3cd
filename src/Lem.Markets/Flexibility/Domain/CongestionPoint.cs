namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// A congestion point (UFTP's congestion point, the DSO's congestion area): a set of buses behind a grid element the
/// DSO manages, declared by that DSO. Requests are posted per congestion point and slot; assets are registered to one.
/// </summary>
/// <param name="Id">The identifier (unique in a market; UFTP uses an EAN-like string).</param>
/// <param name="Dso">The DSO that declared it, or null.</param>
/// <param name="Buses">The buses of the area.</param>
public sealed record CongestionPoint(string Id, ParticipantId? Dso, IReadOnlyList<BusId> Buses)
{
    /// <summary>Whether the area contains a bus.</summary>
    public bool Contains(BusId bus) => Buses.Contains(bus);
}
