using System.Text.Json.Serialization;

namespace Lem.Pipeline.Json;

/// <summary>The common part of a run's <c>summary.json</c>; the mechanism's own fields and the settlement's follow (<see cref="TrailingFields"/>).</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Mechanism">The mechanism's registered name.</param>
/// <param name="Grid">The grid formulation used.</param>
/// <param name="Status">The clearing's status.</param>
/// <param name="Message">Why it failed, or null (left out).</param>
/// <param name="WelfareEur">Social welfare, EUR.</param>
/// <param name="ImportMwh">Energy imported from the outside market, MWh.</param>
/// <param name="ExportMwh">Energy exported to the outside market, MWh.</param>
/// <param name="SlotCount">Slots with prices.</param>
/// <param name="SlotMinutes">The slot length, minutes.</param>
/// <param name="Prices">Prices per slot.</param>
/// <param name="AcCheck">The AC check, or null (written as null).</param>
/// <param name="Hours">The local hours: energy summed over each hour's slots, prices averaged over them (docs/mechanisms/README.md#the-period-table).</param>
public sealed record RunSummary(
    string Scenario,
    string Mechanism,
    string Grid,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    decimal WelfareEur,
    double ImportMwh,
    double ExportMwh,
    int SlotCount,
    int SlotMinutes,
    IReadOnlyList<SlotPriceSummary> Prices,
    AcCheckSummary? AcCheck,
    IReadOnlyList<HourSummary> Hours)
{
    /// <summary>
    /// The fields written after the common ones, in order: the mechanism's own (its report's records, as JSON elements),
    /// then <c>kpis</c> (<see cref="Lem.Settlement.Invoices.Json.KpisJson"/>) and <c>settlement</c> (<see cref="RunSettlementSummary"/>) when the run was settled.
    /// </summary>
    /// <remarks>Settable, not init-only: the serializer cannot take extension data through a record's initializers.</remarks>
    [JsonExtensionData]
    public Dictionary<string, object?>? TrailingFields { get; set; }
}
