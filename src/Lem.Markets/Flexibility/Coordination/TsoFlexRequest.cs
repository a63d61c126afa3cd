namespace Lem.Markets.Flexibility.Coordination;

/// <summary>A TSO's request for flexibility (balancing or transmission congestion) in one slot, served from the offers the DSO released.</summary>
/// <param name="Id">The request's identifier.</param>
/// <param name="Slot">The slot.</param>
/// <param name="Direction">The direction needed.</param>
/// <param name="RequestedKw">The volume wanted (kW).</param>
public sealed record TsoFlexRequest(string Id, int Slot, FlexDirection Direction, double RequestedKw);
