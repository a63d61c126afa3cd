namespace Lem.Pipeline.Json;

/// <summary>One local hour in a run summary (docs/mechanisms/README.md#the-period-table): energy summed over its slots, prices over its slots and locations.</summary>
/// <param name="Start">The hour's local start with offset.</param>
/// <param name="FirstSlot">The index of its first slot.</param>
/// <param name="SlotCount">The number of its slots.</param>
/// <param name="ImportMwh">Energy imported from the outside market in the hour, MWh.</param>
/// <param name="ExportMwh">Energy exported to the outside market in the hour, MWh.</param>
/// <param name="MeanPriceEurPerMwh">The mean price over the hour's slots and locations, EUR/MWh, or null without prices.</param>
/// <param name="MinPriceEurPerMwh">The lowest price over them, EUR/MWh, or null.</param>
/// <param name="MaxPriceEurPerMwh">The highest price over them, EUR/MWh, or null.</param>
public sealed record HourSummary(
    string Start,
    int FirstSlot,
    int SlotCount,
    double ImportMwh,
    double ExportMwh,
    double? MeanPriceEurPerMwh,
    double? MinPriceEurPerMwh,
    double? MaxPriceEurPerMwh);
