namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// A DSO's request for flexibility at a congestion point in one slot, a power band as in a UFTP FlexRequest: at least
/// <see cref="RequestedKw"/> in <see cref="Direction"/> must be ordered from offers inside the area, and at most
/// <see cref="AvailableKw"/> may be.
/// </summary>
/// <param name="Id">The request's identifier.</param>
/// <param name="CongestionPoint">The congestion point.</param>
/// <param name="Slot">The slot (horizon index).</param>
/// <param name="Direction">The direction needed.</param>
/// <param name="RequestedKw">The quantity that must be ordered (kW, ≥ 0).</param>
/// <param name="AvailableKw">The most that may be ordered (kW), or null for no upper bound.</param>
public sealed record FlexRequest(string Id, string CongestionPoint, int Slot, FlexDirection Direction, double RequestedKw, double? AvailableKw);
