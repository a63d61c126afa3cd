using System.Text.Json.Serialization;
using Lem.Markets.Clearing;

namespace Lem.Pipeline.Json;

/// <summary>
/// One local hour in a run summary (docs/mechanisms/README.md#the-period-table): the hour's row of the period table,
/// energy summed over its slots, prices over its slots and locations, written after its local start.
/// </summary>
/// <param name="Start">The hour's local start with offset.</param>
/// <param name="Period">The hour's row of the period table; its fields are written one by one below, not as a member.</param>
public sealed record HourSummary(string Start, [property: JsonIgnore] PeriodRow Period)
{
    /// <summary>The index of its first slot.</summary>
    public int FirstSlot => Period.FirstSlot;

    /// <summary>The number of its slots.</summary>
    public int SlotCount => Period.SlotCount;

    /// <summary>Energy imported from the outside market in the hour, MWh.</summary>
    public double ImportMwh => Period.ImportMwh;

    /// <summary>Energy exported to the outside market in the hour, MWh.</summary>
    public double ExportMwh => Period.ExportMwh;

    /// <summary>The mean price over the hour's slots and locations, EUR/MWh, or null without prices.</summary>
    public double? MeanPriceEurPerMwh => Period.MeanPriceEurPerMwh;

    /// <summary>The lowest price over them, EUR/MWh, or null.</summary>
    public double? MinPriceEurPerMwh => Period.MinPriceEurPerMwh;

    /// <summary>The highest price over them, EUR/MWh, or null.</summary>
    public double? MaxPriceEurPerMwh => Period.MaxPriceEurPerMwh;
}
