namespace Lem.Markets.Flexibility.Coordination;

/// <summary>A volume of an offer booked by one buyer in one slot and direction.</summary>
/// <param name="OfferId">The offer.</param>
/// <param name="Slot">The slot.</param>
/// <param name="Direction">The direction.</param>
/// <param name="Kw">The booked volume (kW, or kvar for a purely reactive offer).</param>
/// <param name="Buyer">Who ordered it: <c>dso</c>, <c>tso</c> or <c>dso-pair</c>.</param>
public sealed record FlexActivation(string OfferId, int Slot, FlexDirection Direction, double Kw, string Buyer);
