namespace Lem.Simulation.Delivery;

/// <summary>
/// What one asset did at delivery: its net injection per slot (kW, injection positive), the energy it stores at the
/// day's end (kWh, null when it stores nothing), its own costs (degradation, curtailment, load shed; EUR, ≥ 0) and the
/// value of the change of its stored energy at its terminal value (EUR).
/// </summary>
/// <param name="NetInjectionKw">The delivered net injection per slot.</param>
/// <param name="EndStateKwh">The stored energy at the end of the day, or null.</param>
/// <param name="CostEur">The asset's own costs of the day.</param>
/// <param name="StoredValueEur">The terminal value of the change of stored energy (batteries with a terminal value; 0 otherwise).</param>
public sealed record AssetOutcome(double[] NetInjectionKw, double? EndStateKwh, double CostEur, double StoredValueEur);
