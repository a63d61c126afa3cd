using System.Text.Json.Serialization;
using Lem.Markets.PeerToPeer;
using Lem.Markets.Stochastic;

namespace Lem.Markets.Clearing;

/// <summary>Source-generated JSON for the mechanisms' output records: snake_case names from the records' property names, indented.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PoolSummary))]
[JsonSerializable(typeof(AdmmSummary))]
[JsonSerializable(typeof(P2pSummary))]
[JsonSerializable(typeof(StochasticSummary))]
public sealed partial class MarketsJsonContext : JsonSerializerContext;
