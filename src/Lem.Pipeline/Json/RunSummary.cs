using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lem.Pipeline.Json;

/// <summary>The common part of a run's <c>summary.json</c>; the mechanism's own fields follow (<see cref="MechanismFields"/>).</summary>
public sealed record RunSummary
{
    /// <summary>The scenario's name.</summary>
    [JsonPropertyName("scenario")]
    public required string Scenario { get; init; }

    /// <summary>The mechanism's registered name.</summary>
    [JsonPropertyName("mechanism")]
    public required string Mechanism { get; init; }

    /// <summary>The grid formulation used.</summary>
    [JsonPropertyName("grid")]
    public required string Grid { get; init; }

    /// <summary>The clearing's status.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Why it failed, or null (left out).</summary>
    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    /// <summary>Social welfare, EUR.</summary>
    [JsonPropertyName("welfare_eur")]
    public required decimal WelfareEur { get; init; }

    /// <summary>Energy imported from the outside market, MWh.</summary>
    [JsonPropertyName("import_mwh")]
    public required double ImportMwh { get; init; }

    /// <summary>Energy exported to the outside market, MWh.</summary>
    [JsonPropertyName("export_mwh")]
    public required double ExportMwh { get; init; }

    /// <summary>Slots with prices.</summary>
    [JsonPropertyName("slot_count")]
    public required int SlotCount { get; init; }

    /// <summary>The slot length, minutes.</summary>
    [JsonPropertyName("slot_minutes")]
    public required int SlotMinutes { get; init; }

    /// <summary>Prices per slot.</summary>
    [JsonPropertyName("prices")]
    public required IReadOnlyList<SlotPriceSummary> Prices { get; init; }

    /// <summary>The AC check, or null (written as null).</summary>
    [JsonPropertyName("ac_check")]
    public required AcCheckSummary? AcCheck { get; init; }

    /// <summary>The mechanism's own fields (its report's records), written after the common ones.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? MechanismFields { get; set; }
}
