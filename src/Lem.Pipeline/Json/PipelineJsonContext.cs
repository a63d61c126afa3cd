using System.Text.Json;
using System.Text.Json.Serialization;
using Lem.Settlement.Invoices.Json;

namespace Lem.Pipeline.Json;

/// <summary>
/// Source-generated JSON for the pipeline's outputs: snake_case names from the records' property names, indented, with
/// the serializer's default escaping (offsets are written <c>\u002B02:00</c>, as <c>summary.json</c> always was).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(RunSettlementSummary))]
[JsonSerializable(typeof(RedispatchSummary))]
[JsonSerializable(typeof(KpisJson))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class PipelineJsonContext : JsonSerializerContext;
