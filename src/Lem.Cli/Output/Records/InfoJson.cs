namespace Lem.Cli.Output.Records;

/// <summary><c>lem info --format json</c>: a scenario's summary.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Horizon">The horizon.</param>
/// <param name="Participants">Participants.</param>
/// <param name="ParticipantsByRole">Participants per role (every role, in the enumeration's order).</param>
/// <param name="AssetsByKind">Assets per kind, in ordinal order.</param>
/// <param name="DemandKwh">Inflexible and curtailable demand, kWh.</param>
/// <param name="PeakDemandKw">Peak demand, kW.</param>
/// <param name="PvCapacityKw">PV capacity, kW.</param>
/// <param name="PvAvailableKwh">PV energy available, kWh.</param>
/// <param name="WindCapacityKw">Wind capacity, kW.</param>
/// <param name="WindAvailableKwh">Wind energy available, kWh.</param>
/// <param name="BatteryCapacityKwh">Battery capacity, kWh.</param>
/// <param name="BatteryPowerKw">Battery power, kW.</param>
/// <param name="EvEnergyKwh">EV energy to charge, kWh.</param>
/// <param name="FlexibleEnergyKwh">Flexible-load energy, kWh.</param>
/// <param name="HeatPumpThermalDemandKwh">The heat pumps' heat demand, kWh (thermal).</param>
/// <param name="Bids">Bids.</param>
/// <param name="Offers">Offers.</param>
/// <param name="Grid">The grid, or null (written as null).</param>
public sealed record InfoJson(
    string Name,
    InfoHorizonJson Horizon,
    int Participants,
    OrderedDictionary<string, int> ParticipantsByRole,
    OrderedDictionary<string, int> AssetsByKind,
    double DemandKwh,
    double PeakDemandKw,
    double PvCapacityKw,
    double PvAvailableKwh,
    double WindCapacityKw,
    double WindAvailableKwh,
    double BatteryCapacityKwh,
    double BatteryPowerKw,
    double EvEnergyKwh,
    double FlexibleEnergyKwh,
    double HeatPumpThermalDemandKwh,
    int Bids,
    int Offers,
    InfoGridJson? Grid);
