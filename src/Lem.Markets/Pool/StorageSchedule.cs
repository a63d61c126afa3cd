namespace Lem.Markets.Pool;

/// <summary>What an asset that stores energy reports per slot in <c>storage.csv</c>.</summary>
/// <param name="ChargeKw">Power drawn to charge (for a heat pump: its electric power), kW.</param>
/// <param name="DischargeKw">Power injected from the store, kW.</param>
/// <param name="StateKwh">Stored energy at the end of each slot, kWh (for a heat pump: thermal energy, kWh_th).</param>
public sealed record StorageSchedule(IReadOnlyList<double> ChargeKw, IReadOnlyList<double> DischargeKw, IReadOnlyList<double> StateKwh);
