using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lem.Pipeline.Json;

/// <summary>Source-generated JSON for the pipeline's outputs.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(object))]
public sealed partial class PipelineJsonContext : JsonSerializerContext;
