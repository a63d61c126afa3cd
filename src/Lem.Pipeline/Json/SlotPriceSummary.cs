using System.Text.Json.Serialization;

namespace Lem.Pipeline.Json;

/// <summary>One slot's prices in a run summary.</summary>
/// <param name="Slot">The slot index.</param>
/// <param name="Start">The slot's local start with offset.</param>
/// <param name="Source">Where the price came from, or null (left out).</param>
/// <param name="MinEurPerMwh">The lowest price over the locations (0 without prices).</param>
/// <param name="MaxEurPerMwh">The highest price over the locations (0 without prices).</param>
/// <param name="Buses">The price per location.</param>
public sealed record SlotPriceSummary(
    int Slot,
    string Start,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Source,
    double MinEurPerMwh,
    double MaxEurPerMwh,
    IReadOnlyList<BusPriceSummary> Buses);
