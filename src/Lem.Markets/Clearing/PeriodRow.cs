namespace Lem.Markets.Clearing;

/// <summary>One row of a <see cref="PeriodTable"/>: a local hour (or one slot) with its energy exchanged with the outside market and its prices.</summary>
/// <param name="Start">The first instant of the period (the start of its first slot).</param>
/// <param name="LocalStart">The local start of the period in the horizon's zone, with its offset.</param>
/// <param name="FirstSlot">The index of the period's first slot.</param>
/// <param name="SlotCount">The number of slots in the period (4 for an hour of quarter-hours).</param>
/// <param name="ImportMwh">The energy imported from the outside market in the period, MWh: the sum over its slots.</param>
/// <param name="ExportMwh">The energy exported to the outside market in the period, MWh: the sum over its slots.</param>
/// <param name="MeanPriceEurPerMwh">The arithmetic mean of the finite prices over the period's slots and locations, EUR/MWh; null without prices.</param>
/// <param name="MinPriceEurPerMwh">The lowest finite price over the period's slots and locations, EUR/MWh; null without prices.</param>
/// <param name="MaxPriceEurPerMwh">The highest finite price over the period's slots and locations, EUR/MWh; null without prices.</param>
public sealed record PeriodRow(
    Instant Start,
    ZonedDateTime LocalStart,
    int FirstSlot,
    int SlotCount,
    double ImportMwh,
    double ExportMwh,
    double? MeanPriceEurPerMwh,
    double? MinPriceEurPerMwh,
    double? MaxPriceEurPerMwh);
