namespace Lem.Markets.Flexibility.Pricing;

/// <summary>
/// The locational flexibility price of a bus in a slot (docs/mechanisms/flexibility.md#prices): what one more MWh of
/// injection (or Mvarh of reactive injection) at the bus is worth to the DSO, the binding limits' duals weighted by the
/// bus's sensitivities. Positive where injection relieves the grid; a down service is worth the negative.
/// </summary>
/// <param name="Bus">The bus.</param>
/// <param name="Slot">The slot (horizon index).</param>
/// <param name="ActiveEurPerMwh">The price of active injection (EUR/MWh).</param>
/// <param name="ReactiveEurPerMvarh">The price of reactive injection (EUR/Mvarh).</param>
public sealed record FlexBusPrice(BusId Bus, int Slot, double ActiveEurPerMwh, double ReactiveEurPerMvarh);
