namespace Lem.Markets.Flexibility.Clearing;

/// <summary>
/// A binding limit of the final linear problem and its dual: the DSO's marginal cost of relieving it, in EUR/MWh for a
/// thermal limit or a request (per MW per hour of slot) and in EUR/h per unit of squared voltage for a voltage limit.
/// </summary>
/// <param name="Slot">The slot.</param>
/// <param name="Kind">"thermal", "voltage" or "request".</param>
/// <param name="Element">The branch, bus or request id.</param>
/// <param name="Dual">The marginal cost (≥ 0).</param>
public sealed record FlexLimitDual(int Slot, string Kind, string Element, double Dual);
