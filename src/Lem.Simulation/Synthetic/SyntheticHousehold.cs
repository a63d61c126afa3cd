namespace Lem.Simulation.Synthetic;

/// <summary>
/// The fixed plan of one synthetic household (docs/synthetic.md#households): its bus, its yearly consumption and the
/// sizes of its assets; zero or null when it has none.
/// </summary>
/// <param name="Id">The participant id.</param>
/// <param name="Bus">The bus id, or null on a copper plate.</param>
/// <param name="AnnualKwh">Yearly household consumption without heat pump and EV, kWh.</param>
/// <param name="ShiftHours">How many hours the household's daily routine is shifted.</param>
/// <param name="PvKw">Installed PV peak power, kW (0: no PV).</param>
/// <param name="PvOrientation">Orientation and shading factor of the PV system in (0, 1].</param>
/// <param name="BatteryKwh">Home battery capacity, kWh (0: no battery).</param>
/// <param name="EvCapacityKwh">EV battery capacity, kWh (0: no EV).</param>
/// <param name="EvChargerKw">EV charge point power, kW.</param>
/// <param name="EvKwhPerKm">The EV's consumption, kWh/km.</param>
/// <param name="HeatLossKwPerK">The building's heat-loss coefficient UA, kW_th per K (0: no heat pump).</param>
public sealed record SyntheticHousehold(
    string Id,
    string? Bus,
    double AnnualKwh,
    double ShiftHours,
    double PvKw,
    double PvOrientation,
    double BatteryKwh,
    double EvCapacityKwh,
    double EvChargerKw,
    double EvKwhPerKm,
    double HeatLossKwPerK)
{
    /// <summary>Whether the household has a heat pump.</summary>
    public bool HasHeatPump => HeatLossKwPerK > 0;

    /// <summary>Whether the household has an EV.</summary>
    public bool HasEv => EvCapacityKwh > 0;
}
